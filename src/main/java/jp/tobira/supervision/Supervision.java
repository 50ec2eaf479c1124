package jp.tobira.supervision;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.Applications;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.decision.Register;
import jp.tobira.decision.RegisterStatus;
import jp.tobira.notification.Notifications;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;

/**
 * A recognised token under supervision: when it started and in which process instance
 * ({@code app.supervision}), what the supervisor decides about it (suspension,
 * reinstatement, revocation, each a change of the register through
 * {@link Register#changeStatus}) and the issuer's surrender. The process
 * ({@code bpmn/token-supervision.bpmn}) decides when; this service records what, in the
 * caller's transaction, audited.
 */
@Service
public class Supervision {

	static final int MAX_REASONS = 10_000;

	private final JdbcClient jdbc;

	private final Applications applications;

	private final Register register;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final ReportingCalendar calendar;

	private final Clock clock;

	private final Notifications notifications;

	Supervision(JdbcClient jdbc, Applications applications, Register register, AuditLog auditLog,
			ApplicationEventPublisher events, ReportingCalendar calendar, Clock clock, Notifications notifications) {
		this.notifications = notifications;
		this.jdbc = jdbc;
		this.applications = applications;
		this.register = register;
		this.auditLog = auditLog;
		this.events = events;
		this.calendar = calendar;
		this.clock = clock;
	}

	/** Where a token's supervision stands: its process instance and how it ended. */
	public record State(ApplicationId applicationId, String reference, String processInstanceId, YearMonth firstPeriod,
			RegisterStatus endedAs) {

		public boolean ended() {
			return endedAs != null;
		}
	}

	/**
	 * The first month the token reports on, for the process's start: the month of its
	 * recognition.
	 */
	public YearMonth firstPeriod() {
		return calendar.firstPeriod(LocalDate.now(clock));
	}

	/**
	 * Supervision began for a token just recognised, in the recognition's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void started(ApplicationId id, String reference, String processInstanceId, YearMonth firstPeriod) {
		jdbc.sql("""
				INSERT INTO app.supervision (application_id, reference, process_instance_id, first_period, started_at)
				VALUES (?, ?, ?, ?, ?)
				""")
			.params(id.value(), reference, processInstanceId, firstPeriod.toString(), Timestamp.from(clock.instant()))
			.update();
		auditLog.append(Actor.SYSTEM.username(), reference, AuditKind.SUPERVISION_STARTED,
				Map.of("processInstanceId", processInstanceId, "firstPeriod", firstPeriod.toString(), "firstDue",
						calendar.dueDay(firstPeriod).toString()));
	}

	public Optional<State> of(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.supervision WHERE application_id = ?")
			.param(id.value())
			.query((rs, row) -> new State(id, rs.getString("reference"), rs.getString("process_instance_id"),
					YearMonth.parse(rs.getString("first_period")),
					rs.getString("ended_as") == null ? null : RegisterStatus.valueOf(rs.getString("ended_as"))))
			.optional();
	}

	/**
	 * No report for {@code period} by its due day: the report is overdue (the process's
	 * "Mark the report overdue").
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void overdue(ApplicationId id, YearMonth period) {
		State state = of(id).orElseThrow(() -> new ApplicationNotFound(id + "/supervision"));
		LocalDate dueDay = calendar.dueDay(period);
		auditLog.append(Actor.SYSTEM.username(), state.reference(), AuditKind.RESERVE_REPORT_OVERDUE, Map.of("period",
				period.toString(), "dueDay", dueDay.toString(), "graceEnds", calendar.graceEnds(period).toString()));
		applications.findById(id)
			.ifPresent(application -> notifications.reserveReportOverdue(application.organisationId(), id.value(),
					state.reference(), period, dueDay));
	}

	/** The decision group suspended the recognition. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void suspend(ApplicationId id, String reasons, String decidedBy) {
		register.changeStatus(id, RegisterStatus.SUSPENDED, reasons, decidedBy);
	}

	/** The decision group reinstated a suspended recognition. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void reinstate(ApplicationId id, String reasons, String decidedBy) {
		register.changeStatus(id, RegisterStatus.RECOGNISED, reasons, decidedBy);
	}

	/** The decision group revoked the recognition: final, supervision ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void revoke(ApplicationId id, String reasons, String decidedBy) {
		register.changeStatus(id, RegisterStatus.REVOKED, reasons, decidedBy);
		ended(id, RegisterStatus.REVOKED, decidedBy);
	}

	/**
	 * The issuer gives up the recognition: the register says SURRENDERED and supervision
	 * ends, in one transaction. Another issuer's case reads as not found; a token that is
	 * not recognised, or no longer, is refused naming why.
	 */
	@Transactional
	public void surrender(Actor actor, ApplicationId id, String reasons) {
		if (!actor.isIssuer()) {
			throw new org.springframework.security.access.AccessDeniedException(
					"Only the issuer's own users can surrender a recognition.");
		}
		// the case's row is locked, as for every change to the case, so a task being
		// completed on it and the surrender are one after the other
		Application application = applications.findByIdForUpdate(id)
			.filter(found -> actor.maySee(found.organisationId()))
			.orElseThrow(() -> new ApplicationNotFound(id));
		String reference = application.reference().value();
		if (application.status() != ApplicationStatus.APPROVED) {
			throw new NotUnderSupervision(reference, application.status().name());
		}
		State state = of(id).orElseThrow(() -> new NotUnderSupervision(reference, "NOT_SUPERVISED"));
		if (state.ended()) {
			throw new NotUnderSupervision(reference, state.endedAs().name());
		}
		String why = reasons == null || reasons.isBlank() ? "surrendered by the issuer" : reasons.strip();
		if (why.length() > MAX_REASONS) {
			throw InvalidInput.of("reasons", "problem.tooLong", MAX_REASONS);
		}
		register.changeStatus(id, RegisterStatus.SURRENDERED, why, actor.username());
		ended(id, RegisterStatus.SURRENDERED, actor.username());
		events.publishEvent(new SupervisionSurrendered(id, application.reference()));
	}

	private void ended(ApplicationId id, RegisterStatus how, String actor) {
		jdbc.sql("UPDATE app.supervision SET ended_as = ?, ended_at = ? WHERE application_id = ?")
			.params(how.name(), Timestamp.from(clock.instant()), id.value())
			.update();
		State state = of(id).orElseThrow();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("endedAs", how.name());
		auditLog.append(actor, state.reference(), AuditKind.SUPERVISION_ENDED, payload);
	}

}
