package jp.tobira.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.application.Applications;
import jp.tobira.application.CaseProgress;
import jp.tobira.decision.DecisionLetters;
import jp.tobira.decision.Recommendations;
import jp.tobira.decision.Register;
import jp.tobira.notification.Notifications;

/**
 * The model's steps around the decision: the recommendation before it, the outcome after
 * it.
 */
@Component("decisionSteps")
public class DecisionSteps {

	private final Recommendations recommendations;

	private final CaseProgress progress;

	private final Applications applications;

	private final Register register;

	private final DecisionLetters letters;

	private final Notifications notifications;

	private final ProcessGateway gateway;

	DecisionSteps(Recommendations recommendations, CaseProgress progress, Applications applications, Register register,
			DecisionLetters letters, Notifications notifications, ProcessGateway gateway) {
		this.notifications = notifications;
		this.gateway = gateway;
		this.recommendations = recommendations;
		this.progress = progress;
		this.applications = applications;
		this.register = register;
		this.letters = letters;
	}

	/**
	 * @param result the recommendation table's single result: recommendation, rule,
	 * rationale
	 */
	public void recommended(String applicationId, Map<String, Object> result) {
		var id = ProcessGateway.idOf(applicationId);
		String reference = applications.findById(id).orElseThrow().reference().value();
		recommendations.record(id, reference, (String) result.get("recommendation"), (String) result.get("rule"),
				(String) result.get("rationale"));
		progress.decisionDue(id);
	}

	/**
	 * "Recognise the token": the approved token enters the public register, the case
	 * closes approved, and the token's supervision starts, all in one transaction.
	 */
	public void approved(String applicationId) {
		var id = ProcessGateway.idOf(applicationId);
		register.recognise(id);
		progress.approved(id);
		gateway.startSupervision(id);
		tellTheIssuer(id, true);
	}

	/**
	 * "Notify the rejection": the issuer is given the decision letter, and the case
	 * closes rejected.
	 */
	public void rejected(String applicationId) {
		var id = ProcessGateway.idOf(applicationId);
		letters.notifyIssuer(id);
		progress.rejected(id);
		tellTheIssuer(id, false);
	}

	/** The issuer's e-mail, in the outbox in the step's transaction. */
	private void tellTheIssuer(jp.tobira.application.ApplicationId id, boolean approved) {
		var application = applications.findById(id).orElseThrow();
		notifications.decisionMade(application.organisationId(), id.value(), application.reference().value(), approved);
	}

}
