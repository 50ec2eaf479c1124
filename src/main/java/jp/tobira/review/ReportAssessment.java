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
 * {@code assessReport}: {@code {"outcome": "NO_ACTION" | "PROPOSE_SUSPENSION", "reasons":
 * "…"}} on a flagged reserve report. A proposal goes to the decision group, never to its
 * proposer (four eyes on {@code decideSuspension}).
 */
@Component
public class ReportAssessment extends TaskDefinition {

	public static final String KEY = "assessReport";

	public static final String NO_ACTION = "NO_ACTION";

	public static final String PROPOSE_SUSPENSION = "PROPOSE_SUSPENSION";

	record Form(String outcome, String reasons) {
	}

	private final TaskForms forms;

	private final Findings findings;

	ReportAssessment(TaskForms forms, Findings findings) {
		super(KEY, Group.SUPERVISION, SupervisionTasks.ASSESSMENT_BUSINESS_DAYS, Form.class,
				List.of(NO_ACTION, PROPOSE_SUSPENSION), Set.of());
		this.forms = forms;
		this.findings = findings;
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		String outcome = SupervisionTasks.oneOf("outcome", form.outcome(), outcomes());
		String reasons = SupervisionTasks.required("reasons", form.reasons());
		findings.record(application.id(), KEY, outcome, reasons, Map.of(), actor.username());
		return outcome;
	}

	@Override
	public boolean afterRecognition() {
		return true;
	}

}
