package jp.tobira.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.application.Applications;
import jp.tobira.application.CaseProgress;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * Sends the request for information a reviewer recorded when completing their task: the
 * case waits for the issuer, and the statutory clock pauses from the request's time.
 */
@Component("rfiSteps")
public class RfiSteps {

	private final CaseProgress progress;

	private final Applications applications;

	private final AuditLog auditLog;

	RfiSteps(CaseProgress progress, Applications applications, AuditLog auditLog) {
		this.progress = progress;
		this.applications = applications;
		this.auditLog = auditLog;
	}

	public void issued(String applicationId) {
		var id = ProcessGateway.idOf(applicationId);
		progress.awaitingIssuer(id);
		String reference = applications.findById(id).orElseThrow().reference().value();
		auditLog.append(Actor.SYSTEM.username(), reference, AuditKind.MESSAGE_SENT,
				Map.of("to", "issuer", "about", "request for information"));
	}

}
