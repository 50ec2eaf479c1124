package jp.tobira.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;

/**
 * {@code decideSuspension}: {@code {"decision": "SUSPEND" | "REVOKE" | "NO_ACTION",
 * "reasons": "…"}} on a proposal to suspend. The decision is recorded as a finding before
 * the engine completes the task; the process's next step changes the register with these
 * reasons, and the four-eyes rule on the task (never the proposer) can still refuse it,
 * and then nothing is kept.
 */
@Component
public class SuspensionDecision extends TaskDefinition {

	public static final String KEY = "decideSuspension";

	public static final String SUSPEND = "SUSPEND";

	public static final String REVOKE = "REVOKE";

	public static final String NO_ACTION = "NO_ACTION";

	record Form(String decision, String reasons) {
	}

	private final TaskForms forms;

	private final Findings findings;

	SuspensionDecision(TaskForms forms, Findings findings) {
		super(KEY, Group.DECISION, SupervisionTasks.DECISION_BUSINESS_DAYS, Form.class,
				List.of(SUSPEND, REVOKE, NO_ACTION), Set.of());
		this.forms = forms;
		this.findings = findings;
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		String decision = SupervisionTasks.oneOf("decision", form.decision(), outcomes());
		String reasons = SupervisionTasks.required("reasons", form.reasons());
		findings.record(application.id(), KEY, decision, reasons, Map.of(), actor.username());
		return decision;
	}

	@Override
	public boolean afterRecognition() {
		return true;
	}

}
