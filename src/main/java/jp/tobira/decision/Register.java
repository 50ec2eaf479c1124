package jp.tobira.decision;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.RowCallbackHandler;
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
import jp.tobira.audit.AuditEntry;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;

/**
 * The public register of recognised tokens: what was decided, as recorded at the
 * decision.
 */
@Service
public class Register {

	static final String[] HEADER = { "reference", "token_name", "symbol", "pegged_currency", "issuer",
			"home_jurisdiction", "home_regulator", "intermediary", "intermediary_registration", "decision_date",
			"conditions", "status", "status_since", "history" };

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
		AuditEntry added = auditLog.appendLinked(Actor.SYSTEM.username(), application.reference().value(),
				AuditKind.REGISTER_ENTRY_ADDED, Map.of("token", content.token().symbol(), "status", "RECOGNISED",
						"decisionDate", decisionDate.toString()));
		// the history's first row: recognised on the decision's day, for the decision's
		// reasons, by the one who decided
		recordChange(id, application.reference().value(), RegisterStatus.RECOGNISED, decisionDate, decision.reasons(),
				decision.decidedBy(), added);
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
		AuditEntry changed = auditLog.appendLinked(actor, current.reference(), AuditKind.REGISTER_STATUS_CHANGED, Map
			.of("from", current.status().name(), "to", to.name(), "since", today.toString(), "reasons", reasons));
		recordChange(id, current.reference(), to, today, reasons, actor, changed);
	}

	/**
	 * A row of the append-only history, carrying the audit entry that records the change
	 * (the chain's head at that moment), so the register can publish it.
	 */
	private void recordChange(ApplicationId id, String reference, RegisterStatus status, LocalDate effectiveOn,
			String reasons, String actor, AuditEntry audited) {
		jdbc.sql("""
				INSERT INTO app.register_status_change (application_id, reference, status, effective_on, changed_at,
				    reasons, actor, audit_seq, audit_hash)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(id.value(), reference, status.name(), effectiveOn, Timestamp.from(audited.occurredAt()), reasons,
					actor, audited.seq(), audited.hash())
			.update();
	}

	/** The register as it stands, each entry with its status and history. */
	public List<RegisterEntry> entries() {
		return read(null);
	}

	/**
	 * The register as it stood at the end of a day: the entries decided on or before it,
	 * each with the status it had that day and its history up to it.
	 * @param day {@code YYYY-MM-DD}, today or earlier
	 * @throws InvalidInput if the day is malformed or in the future (400, field
	 * {@code asOf})
	 */
	public List<RegisterEntry> entriesAsOf(String day) {
		LocalDate asOf;
		try {
			asOf = LocalDate.parse(day);
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of("asOf", "register.asOf.malformed", day);
		}
		if (asOf.isAfter(LocalDate.now(clock))) {
			throw InvalidInput.of("asOf", "register.asOf.future", asOf.toString());
		}
		return read(asOf);
	}

	/**
	 * Two queries whatever the register's size: the entries, then every change of them,
	 * grouped here. With a day, both stop at it and each entry's status is its last
	 * change up to then.
	 */
	private List<RegisterEntry> read(LocalDate asOf) {
		java.sql.Date until = asOf == null ? null : java.sql.Date.valueOf(asOf);
		Map<String, List<RegisterStatusChange>> histories = new HashMap<>();
		jdbc.sql("""
				SELECT application_id, reference, status, effective_on, changed_at, reasons, audit_seq, audit_hash
				FROM app.register_status_change
				WHERE effective_on <= coalesce(?, effective_on)
				ORDER BY id
				""")
			.param(1, until, Types.DATE)
			.query((RowCallbackHandler) rs -> histories
				.computeIfAbsent(rs.getString("application_id"), key -> new ArrayList<>())
				.add(change(rs)));
		return jdbc.sql("""
				SELECT * FROM app.register_entry
				WHERE decision_date <= coalesce(?, decision_date)
				ORDER BY decision_date DESC, symbol, reference
				""").param(1, until, Types.DATE).query((rs, row) -> {
			LocalDate decisionDate = rs.getObject("decision_date", LocalDate.class);
			List<RegisterStatusChange> history = histories.getOrDefault(rs.getString("application_id"), List.of());
			RegisterStatus status = RegisterStatus.valueOf(rs.getString("status"));
			LocalDate since = rs.getObject("status_since", LocalDate.class);
			if (asOf != null) {
				// as it stood: its last change up to the day (a recognition at the
				// least, on the decision's day)
				RegisterStatusChange last = history.isEmpty() ? null : history.get(history.size() - 1);
				status = last == null ? RegisterStatus.RECOGNISED : last.status();
				since = last == null ? decisionDate : last.date();
			}
			return new RegisterEntry(rs.getString("reference"), rs.getString("token_name"), rs.getString("symbol"),
					rs.getString("pegged_currency"), rs.getString("issuer_name"), rs.getString("home_jurisdiction"),
					rs.getString("home_regulator"), rs.getString("intermediary_name"),
					rs.getString("intermediary_registration"), decisionDate, rs.getString("conditions"), status, since,
					List.copyOf(history));
		}).list();
	}

	/**
	 * Every change of every entry, the latest first, with its token: what the Atom feed
	 * publishes. One query.
	 */
	public List<RegisterFeedItem> changes() {
		return jdbc.sql("""
				SELECT c.application_id, c.reference, c.status, c.effective_on, c.changed_at, c.reasons,
				       c.audit_seq, c.audit_hash, c.id, r.token_name, r.symbol
				FROM app.register_status_change c JOIN app.register_entry r ON r.application_id = c.application_id
				ORDER BY c.id DESC
				""")
			.query((rs, row) -> new RegisterFeedItem(rs.getLong("id"), rs.getString("token_name"),
					rs.getString("symbol"), change(rs)))
			.list();
	}

	private static RegisterStatusChange change(ResultSet rs) throws SQLException {
		long seq = rs.getLong("audit_seq");
		boolean unaudited = rs.wasNull();
		return new RegisterStatusChange(rs.getObject("effective_on", LocalDate.class),
				RegisterStatus.valueOf(rs.getString("status")), rs.getString("reasons"), rs.getString("reference"),
				rs.getTimestamp("changed_at").toInstant(), unaudited ? null : seq, rs.getString("audit_hash"));
	}

	/**
	 * The register as CSV, UTF-8 with a byte-order mark so that spreadsheet programs in
	 * Japan read it as UTF-8, and text cells guarded against formula injection. The
	 * history is one cell, a change per line.
	 */
	public void writeCsv(Writer out, List<RegisterEntry> entries) throws IOException {
		out.write('\uFEFF');
		// not closed: the writer is the caller's
		CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
		for (RegisterEntry e : entries) {
			csv.printRecord(e.reference(), AuditCsv.cell(e.tokenName()), AuditCsv.cell(e.symbol()), e.peggedCurrency(),
					AuditCsv.cell(e.issuer()), e.homeJurisdiction(), AuditCsv.cell(e.homeRegulator()),
					AuditCsv.cell(e.intermediary()), AuditCsv.cell(e.intermediaryRegistration()), e.decisionDate(),
					AuditCsv.cell(e.conditions()), e.status(), e.statusSince(), AuditCsv.cell(history(e.history())));
		}
		csv.flush();
	}

	/**
	 * One line per change: {@code 2026-12-01 SUSPENDED: reasons (audit 42 <hash>)}.
	 */
	private static String history(List<RegisterStatusChange> history) {
		return history.stream()
			.map(c -> c.date() + " " + c.status() + (c.reasons() == null ? "" : ": " + c.reasons())
					+ (c.auditSeq() == null ? "" : " (audit " + c.auditSeq() + " " + c.auditHash() + ")"))
			.collect(Collectors.joining("\n"));
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
