package jp.tobira.process;

import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.application.Applications;
import jp.tobira.application.CaseProgress;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.notification.Notifications;
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

	private final Notifications notifications;

	RfiSteps(CaseProgress progress, Applications applications, AuditLog auditLog, Notifications notifications) {
		this.progress = progress;
		this.applications = applications;
		this.auditLog = auditLog;
		this.notifications = notifications;
	}

	public void issued(String applicationId) {
		var id = ProcessGateway.idOf(applicationId);
		progress.awaitingIssuer(id);
		var application = applications.findById(id).orElseThrow();
		String reference = application.reference().value();
		// the issuer's e-mail, in the outbox in this same transaction
		notifications.requestForInformation(application.organisationId(), id.value(), reference);
		auditLog.append(Actor.SYSTEM.username(), reference, AuditKind.MESSAGE_SENT,
				Map.of("to", "issuer", "about", "request for information"));
	}

}
