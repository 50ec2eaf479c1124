package jp.tobira.review;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.decision.Decisions;
import jp.tobira.decision.Outcome;
import jp.tobira.decision.Recommendations;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.InvalidInput;

/**
 * {@code decide}:
 * {@code {"decision": "APPROVE" | "APPROVE_WITH_CONDITIONS" | "REJECT", "reasons": "…",
 * "conditions": "…"}}. The decision is recorded before the engine completes the task; the
 * four-eyes rule on the task can still refuse it, and then nothing is kept.
 */
@Component
public class DecisionTask extends TaskDefinition {

	public static final String KEY = "decide";

	record Form(String decision, String reasons, String conditions) {
	}

	private final TaskForms forms;

	private final Decisions decisions;

	private final Recommendations recommendations;

	DecisionTask(TaskForms forms, Decisions decisions, Recommendations recommendations) {
		super(KEY, Group.DECISION, 60, Form.class, Arrays.stream(Outcome.values()).map(Enum::name).toList(), Set.of());
		this.forms = forms;
		this.decisions = decisions;
		this.recommendations = recommendations;
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
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
		return outcome.name();
	}

}
