package jp.tobira.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.application.Applications;
import jp.tobira.application.CaseProgress;
import jp.tobira.decision.Recommendations;

/** The model's steps around the decision: the recommendation before it, the outcome after it. */
@Component("decisionSteps")
public class DecisionSteps {

	private final Recommendations recommendations;

	private final CaseProgress progress;

	private final Applications applications;

	DecisionSteps(Recommendations recommendations, CaseProgress progress, Applications applications) {
		this.recommendations = recommendations;
		this.progress = progress;
		this.applications = applications;
	}

	/** @param result the recommendation table's single result: recommendation, rule, rationale */
	public void recommended(String applicationId, Map<String, Object> result) {
		var id = ProcessGateway.idOf(applicationId);
		String reference = applications.findById(id).orElseThrow().reference().value();
		recommendations.record(id, reference, (String) result.get("recommendation"), (String) result.get("rule"),
				(String) result.get("rationale"));
		progress.decisionDue(id);
	}

	public void approved(String applicationId) {
		progress.approved(ProcessGateway.idOf(applicationId));
	}

	public void rejected(String applicationId) {
		progress.rejected(ProcessGateway.idOf(applicationId));
	}
}
