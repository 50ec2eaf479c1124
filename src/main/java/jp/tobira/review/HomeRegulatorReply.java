package jp.tobira.review;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.cooperation.HomeConfirmations;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.InvalidInput;

/**
 * {@code recordHomeReply}: {@code {"confirmed": true, "arrangement": "MOU", "reference":
 * "…"}} or {@code {"confirmed": false, "reason": "…"}}, with an optional {@code contact}
 * and reply {@code date}.
 */
@Component
public class HomeRegulatorReply extends TaskDefinition {

	public static final String KEY = "recordHomeReply";

	record Form(Boolean confirmed, String arrangement, String reference, String reason, String contact,
			LocalDate date) {
	}

	private final TaskForms forms;

	private final HomeConfirmations confirmations;

	HomeRegulatorReply(TaskForms forms, HomeConfirmations confirmations) {
		super(KEY, Group.COOPERATION, 45, Form.class, List.of("CONFIRMED", "REFUSED"), Set.of());
		this.forms = forms;
		this.confirmations = confirmations;
	}

	@Override
	public Map<String, Object> formModel() {
		return Map.of("arrangements", HomeConfirmations.ARRANGEMENTS.stream().sorted().toList());
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		if (form.confirmed() == null) {
			throw InvalidInput.of("confirmed", "problem.trueOrFalse");
		}
		if (form.confirmed()) {
			confirmations.confirmed(application.id(), form.arrangement(), form.reference(), form.contact(), form.date(),
					actor.username());
		}
		else {
			confirmations.refused(application.id(), form.reason(), form.contact(), form.date(), actor.username());
		}
		return form.confirmed() ? "CONFIRMED" : "REFUSED";
	}

}
