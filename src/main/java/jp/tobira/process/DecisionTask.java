package jp.tobira.process;

import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.decision.Decisions;
import jp.tobira.decision.Outcome;
import jp.tobira.decision.Recommendations;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;

/**
 * {@code decide}: {@code {"decision": "APPROVE" | "APPROVE_WITH_CONDITIONS" | "REJECT", "reasons": "…",
 * "conditions": "…"}}. The decision is recorded before the engine completes the task; the four-eyes rule on the task
 * can still refuse it, and then nothing is kept.
 */
@Component
class DecisionTask implements TaskCompletion {

	record Form(String decision, String reasons, String conditions) {
	}

	private final TaskForms forms;

	private final Decisions decisions;

	private final Recommendations recommendations;

	DecisionTask(TaskForms forms, Decisions decisions, Recommendations recommendations) {
		this.forms = forms;
		this.decisions = decisions;
		this.recommendations = recommendations;
	}

	@Override
	public String taskKey() {
		return ApplicationProcess.Tasks.DECIDE;
	}

	@Override
	public Map<String, Object> complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		Outcome outcome = Arrays.stream(Outcome.values())
			.filter(candidate -> candidate.name().equals(form.decision()))
			.findFirst()
			.orElseThrow(() -> InvalidInput.of("decision", "problem.oneOf", Arrays.toString(Outcome.values())));
		String recommendation = recommendations.of(application.id())
			.map(Recommendations.Recommendation::recommendation)
			.orElse(null);
		decisions.record(application.id(), outcome, form.reasons(), form.conditions(), recommendation,
				actor.username());
		return Map.of(ApplicationProcess.Variables.DECISION, outcome.name());
	}
}
