package jp.tobira.application;

import java.time.Clock;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * The moves the process makes on a case after submission. Each runs inside the engine's
 * transaction, so a case's status never disagrees with where its process stands.
 */
@Service
public class CaseProgress {

	private final Applications applications;

	private final RequestsForInformation rfis;

	private final AuditLog auditLog;

	private final JdbcClient jdbc;

	private final Clock clock;

	CaseProgress(Applications applications, RequestsForInformation rfis, AuditLog auditLog, JdbcClient jdbc,
			Clock clock) {
		this.applications = applications;
		this.rfis = rfis;
		this.auditLog = auditLog;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void processStarted(ApplicationId id, String processInstanceId) {
		Application application = lock(id);
		jdbc.sql("UPDATE app.application SET process_instance_id = ? WHERE id = ?")
			.params(processInstanceId, id.value())
			.update();
		auditLog.append(Actor.SYSTEM.username(), application.reference().value(), AuditKind.PROCESS_STARTED,
				Map.of("processInstanceId", processInstanceId));
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void completenessCheckOpened(ApplicationId id) {
		move(id, Stage.COMPLETENESS_CHECK);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void reviewStarted(ApplicationId id) {
		move(id, Stage.REVIEW);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void awaitingIssuer(ApplicationId id) {
		Application application = lock(id);
		application.moveTo(ApplicationStatus.AWAITING_ISSUER, application.stage(), clock.instant());
		applications.update(application);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void decisionDue(ApplicationId id) {
		move(id, Stage.DECISION);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void approved(ApplicationId id) {
		move(id, ApplicationStatus.APPROVED, Stage.CLOSED);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void rejected(ApplicationId id) {
		move(id, ApplicationStatus.REJECTED, Stage.CLOSED);
	}

	/**
	 * No answer to a request for information in time: the application lapses and its
	 * request is closed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lapsed(ApplicationId id) {
		Application application = lock(id);
		rfis.closeOpen(id, "LAPSED");
		application.moveTo(ApplicationStatus.LAPSED, Stage.CLOSED, clock.instant());
		applications.update(application);
		auditLog.append(Actor.SYSTEM.username(), application.reference().value(), AuditKind.APPLICATION_LAPSED,
				Map.of());
	}

	/**
	 * The process's side of a withdrawal: the status was set by the issuer's request; an
	 * open RFI is closed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void withdrawalClosed(ApplicationId id) {
		rfis.closeOpen(id, "WITHDRAWN");
	}

	/** The home regulator has not replied in time: the case is flagged on every list. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void escalated(ApplicationId id, String reason) {
		Application application = lock(id);
		jdbc.sql("UPDATE app.application SET escalated_at = ? WHERE id = ?")
			.params(java.sql.Timestamp.from(clock.instant()), id.value())
			.update();
		auditLog.append(Actor.SYSTEM.username(), application.reference().value(), AuditKind.ESCALATED,
				Map.of("reason", reason));
	}

	private void move(ApplicationId id, Stage stage) {
		move(id, stage.workingStatus(), stage);
	}

	private void move(ApplicationId id, ApplicationStatus status, Stage stage) {
		Application application = lock(id);
		application.moveTo(status, stage, clock.instant());
		applications.update(application);
	}

	private Application lock(ApplicationId id) {
		return applications.findByIdForUpdate(id).orElseThrow(() -> new ApplicationNotFound(id));
	}

}
