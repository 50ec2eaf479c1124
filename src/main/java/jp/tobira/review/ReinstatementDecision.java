package jp.tobira.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.InvalidInput;

/**
 * {@code decideReinstatement}: {@code {"reinstate": true | false, "reasons": "…"}} once a
 * suspended token files a report without flags; {@code false} revokes the recognition.
 */
@Component
public class ReinstatementDecision extends TaskDefinition {

	public static final String KEY = "decideReinstatement";

	/** What the outcome is recorded as, in the findings and on the screen. */
	public static final String REINSTATE = "REINSTATE";

	public static final String REVOKE = "REVOKE";

	record Form(Boolean reinstate, String reasons) {
	}

	private final TaskForms forms;

	private final Findings findings;

	ReinstatementDecision(TaskForms forms, Findings findings) {
		super(KEY, Group.DECISION, SupervisionTasks.DECISION_BUSINESS_DAYS, Form.class, List.of(REINSTATE, REVOKE),
				Set.of());
		this.forms = forms;
		this.findings = findings;
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		if (form.reinstate() == null) {
			throw InvalidInput.of("reinstate", "problem.required");
		}
		String reasons = SupervisionTasks.required("reasons", form.reasons());
		findings.record(application.id(), KEY, form.reinstate() ? REINSTATE : REVOKE, reasons, Map.of(),
				actor.username());
		return form.reinstate();
	}

	@Override
	public boolean afterRecognition() {
		return true;
	}

}
