package jp.tobira.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.cooperation.HomeConfirmations;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.InvalidInput;

/**
 * {@code requestHomeConfirmation}: {@code {"sent": true}} once the officer has sent the
 * drafted letter.
 */
@Component
public class HomeConfirmationRequest extends TaskDefinition {

	public static final String KEY = "requestHomeConfirmation";

	record Form(Boolean sent, String note) {
	}

	private final TaskForms forms;

	private final HomeConfirmations confirmations;

	private final AuditLog auditLog;

	HomeConfirmationRequest(TaskForms forms, HomeConfirmations confirmations, AuditLog auditLog) {
		super(KEY, Group.COOPERATION, 15, Form.class, List.of(), Set.of());
		this.forms = forms;
		this.confirmations = confirmations;
		this.auditLog = auditLog;
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		if (!Boolean.TRUE.equals(form.sent())) {
			throw InvalidInput.of("sent", "problem.notSent");
		}
		confirmations.requestSent(application.id(), actor.username());
		auditLog.append(actor.username(), application.reference().value(), AuditKind.MESSAGE_SENT,
				Map.of("to", "home regulator", "about", "confirmation of information sharing", "regulator",
						String.valueOf(application.content().issuer().homeRegulator())));
		return null;
	}

}
