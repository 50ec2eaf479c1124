package jp.tobira.decision;

import java.io.IOException;
import java.io.Writer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.Applications;
import jp.tobira.audit.AuditCsv;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * The public register of recognised tokens: what was decided, as recorded at the
 * decision.
 */
@Service
public class Register {

	static final String[] HEADER = { "reference", "token_name", "symbol", "pegged_currency", "issuer",
			"home_jurisdiction", "home_regulator", "intermediary", "intermediary_registration", "decision_date",
			"conditions", "status" };

	private final JdbcClient jdbc;

	private final Decisions decisions;

	private final Applications applications;

	private final AuditLog auditLog;

	private final Clock clock;

	Register(JdbcClient jdbc, Decisions decisions, Applications applications, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.decisions = decisions;
		this.applications = applications;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * Recognises an approved token: enters it in the register as the application and the
	 * decision describe it, dated by the decision. The process's "Recognise the token"
	 * step, in the engine's transaction, so the entry stands or falls with the case's
	 * approval.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recognise(ApplicationId id) {
		Decision decision = decisions.of(id).orElseThrow(() -> new ApplicationNotFound(id + "/decision"));
		if (!decision.outcome().approves()) {
			throw new IllegalStateException(decision.reference() + " was not approved: " + decision.outcome());
		}
		Application application = applications.findById(id).orElseThrow(() -> new ApplicationNotFound(id));
		ApplicationContent content = application.content();
		LocalDate decisionDate = LocalDate.ofInstant(decision.decidedAt(), clock.getZone());
		jdbc.sql("""
				INSERT INTO app.register_entry (application_id, reference, token_name, symbol, pegged_currency,
				    issuer_name, home_jurisdiction, home_regulator, intermediary_name, intermediary_registration,
				    decision_date, conditions, status, status_since, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECOGNISED', ?, ?)
				""")
			.params(application.id().value(), application.reference().value(), content.token().name(),
					content.token().symbol(), content.token().peggedCurrency(), content.issuer().legalName(),
					content.issuer().jurisdiction(), content.issuer().homeRegulator(), content.intermediary().name(),
					content.intermediary().registrationNumber(), decisionDate, decision.conditions(), decisionDate,
					Timestamp.from(clock.instant()))
			.update();
		auditLog.append(Actor.SYSTEM.username(), application.reference().value(), AuditKind.REGISTER_ENTRY_ADDED, Map
			.of("token", content.token().symbol(), "status", "RECOGNISED", "decisionDate", decisionDate.toString()));
	}

	/**
	 * Changes a recognised token's status (suspended, reinstated, revoked, surrendered)
	 * as of today, in the caller's transaction so that the change stands or falls with
	 * what caused it. The entry's row is locked, so of two concurrent changes the second
	 * sees the first's status and is refused if it no longer follows.
	 * @param reasons why, as the register shows it
	 * @param actor who decided it, or the issuer who surrendered
	 * @throws RegisterStatusConflict if the current status does not allow the change
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void changeStatus(ApplicationId id, RegisterStatus to, String reasons, String actor) {
		record Current(String reference, RegisterStatus status) {
		}
		Current current = jdbc
			.sql("SELECT reference, status FROM app.register_entry WHERE application_id = ? FOR UPDATE")
			.param(id.value())
			.query((rs, row) -> new Current(rs.getString("reference"), RegisterStatus.valueOf(rs.getString("status"))))
			.optional()
			.orElseThrow(() -> new ApplicationNotFound(id + "/register"));
		if (!current.status().next().contains(to)) {
			throw new RegisterStatusConflict(current.reference(), current.status(), to);
		}
		LocalDate today = LocalDate.now(clock);
		jdbc.sql("UPDATE app.register_entry SET status = ?, status_since = ?, updated_at = ? WHERE application_id = ?")
			.params(to.name(), today, Timestamp.from(clock.instant()), id.value())
			.update();
		auditLog.append(actor, current.reference(), AuditKind.REGISTER_STATUS_CHANGED, Map.of("from",
				current.status().name(), "to", to.name(), "since", today.toString(), "reasons", reasons));
	}

	public List<RegisterEntry> entries() {
		return jdbc.sql("SELECT * FROM app.register_entry ORDER BY decision_date DESC, symbol, reference")
			.query((rs, row) -> new RegisterEntry(rs.getString("reference"), rs.getString("token_name"),
					rs.getString("symbol"), rs.getString("pegged_currency"), rs.getString("issuer_name"),
					rs.getString("home_jurisdiction"), rs.getString("home_regulator"),
					rs.getString("intermediary_name"), rs.getString("intermediary_registration"),
					rs.getObject("decision_date", LocalDate.class), rs.getString("conditions"), rs.getString("status")))
			.list();
	}

	/**
	 * The register as CSV, UTF-8 with a byte-order mark so that spreadsheet programs in
	 * Japan read it as UTF-8, and text cells guarded against formula injection.
	 */
	public void writeCsv(Writer out) throws IOException {
		out.write('\uFEFF');
		// not closed: the writer is the caller's
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
		for (RegisterEntry e : entries()) {
			csv.printRecord(e.reference(), AuditCsv.cell(e.tokenName()), AuditCsv.cell(e.symbol()), e.peggedCurrency(),
					AuditCsv.cell(e.issuer()), e.homeJurisdiction(), AuditCsv.cell(e.homeRegulator()),
					AuditCsv.cell(e.intermediary()), AuditCsv.cell(e.intermediaryRegistration()), e.decisionDate(),
					AuditCsv.cell(e.conditions()), e.status());
		}
		csv.flush();
	}

	/**
	 * Where a token stands in the register today; empty for a case never recognised.
	 */
	public java.util.Optional<RegisterStatus> statusOf(ApplicationId id) {
		return jdbc.sql("SELECT status FROM app.register_entry WHERE application_id = ?")
			.param(id.value())
			.query((rs, row) -> RegisterStatus.valueOf(rs.getString("status")))
			.optional();
	}

}
