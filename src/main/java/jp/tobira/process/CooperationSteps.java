package jp.tobira.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.application.Applications;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * The information-sharing branch's automatic step: a framework judged not equivalent
 * needs no confirmation.
 */
@Component("cooperationSteps")
public class CooperationSteps {

	static final String NOT_EQUIVALENT = "NOT_EQUIVALENT";

	private final Applications applications;

	private final AuditLog auditLog;

	CooperationSteps(Applications applications, AuditLog auditLog) {
		this.applications = applications;
		this.auditLog = auditLog;
	}

	/**
	 * @return the branch's outcome for the recommendation table
	 */
	public String notEquivalent(String applicationId) {
		String reference = applications.findById(ProcessGateway.idOf(applicationId)).orElseThrow().reference().value();
		auditLog.append(Actor.SYSTEM.username(), reference, AuditKind.RECOMMENDATION_MADE,
				Map.of("branch", "cooperation", "outcome", NOT_EQUIVALENT, "reason",
						"the home framework is judged not equivalent: no confirmation is requested"));
		return NOT_EQUIVALENT;
	}

}
