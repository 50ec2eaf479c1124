package jp.tobira.cooperation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.validation.InvalidInput;

/**
 * The jurisdiction table: data an admin edits, every change audited and kept in the
 * append-only history. A definitive status (equivalent or not) names the determination
 * behind it. The process reads the table through the {@code jurisdictions} decision
 * table, which is regenerated on every change ({@link JurisdictionsChanged}).
 */
@Service
public class Jurisdictions {

	private static final Set<String> CODES = Set.of(Locale.getISOCountries());

	/** A determination's day is the supervisor's day, as every date of the case is. */

	private static final int REFERENCE_LENGTH = 200;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Jurisdictions(JdbcClient jdbc, AuditLog auditLog, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.events = events;
		this.clock = clock;
	}

	/** The status of a home jurisdiction; one not yet judged is under assessment. */
	public EquivalenceStatus statusOf(String code) {
		return find(code).map(Jurisdiction::status).orElse(EquivalenceStatus.UNDER_ASSESSMENT);
	}

	public Optional<Jurisdiction> find(String code) {
		return jdbc.sql("SELECT * FROM app.jurisdiction WHERE code = ?").param(code).query(this::map).optional();
	}

	public List<Jurisdiction> all() {
		return jdbc.sql("SELECT * FROM app.jurisdiction ORDER BY code").query(this::map).list();
	}

	/** Every change of a jurisdiction's row, newest first. */
	public List<JurisdictionChange> historyOf(String code) {
		return jdbc.sql("SELECT * FROM app.jurisdiction_history WHERE code = ? ORDER BY id DESC")
			.param(code)
			.query((rs, row) -> new JurisdictionChange(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
					EquivalenceStatus.valueOf(rs.getString("status")), rs.getObject("determined_on", LocalDate.class),
					rs.getString("determination_reference"), rs.getString("note"), rs.getString("changed_by"),
					rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	/**
	 * Sets a jurisdiction's status. A definitive status must name the determination
	 * behind it (its day, not after today in Tokyo, and its reference): the legal gates
	 * let an approval through on an equivalent framework, so the table may not say so on
	 * no recorded ground. Under assessment needs none.
	 */
	@Transactional
	public Jurisdiction set(String actor, String code, String name, EquivalenceStatus status, LocalDate determinedOn,
			String determinationReference, String note) {
		if (code == null || !CODES.contains(code)) {
			throw InvalidInput.of("code", "problem.country");
		}
		if (name == null || name.isBlank() || name.length() > 100) {
			throw InvalidInput.of("name", "problem.requiredShort", 100);
		}
		if (status == null) {
			throw InvalidInput.of("status", "problem.requiredOneOf", List.of(EquivalenceStatus.values()).toString());
		}
		String reference = determinationReference == null || determinationReference.isBlank() ? null
				: determinationReference.strip();
		boolean definitive = status != EquivalenceStatus.UNDER_ASSESSMENT;
		if (definitive && determinedOn == null) {
			throw InvalidInput.of("determinedOn", "problem.determinationRequired");
		}
		if (determinedOn != null && determinedOn.isAfter(LocalDate.now(clock))) {
			throw InvalidInput.of("determinedOn", "problem.future");
		}
		if (definitive && reference == null) {
			throw InvalidInput.of("determinationReference", "problem.determinationRequired");
		}
		if (reference != null && reference.length() > REFERENCE_LENGTH) {
			throw InvalidInput.of("determinationReference", "problem.tooLong", REFERENCE_LENGTH);
		}
		if (note != null && note.length() > 500) {
			throw InvalidInput.of("note", "problem.tooLong", 500);
		}
		Optional<Jurisdiction> before = find(code);
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				INSERT INTO app.jurisdiction (code, name, status, determined_on, determination_reference, note,
				    updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (code) DO UPDATE SET name = excluded.name, status = excluded.status,
				    determined_on = excluded.determined_on, determination_reference = excluded.determination_reference,
				    note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at
				""").params(code, name.strip(), status.name(), determinedOn, reference, note, actor, now).update();
		jdbc.sql("""
				INSERT INTO app.jurisdiction_history (code, name, status, determined_on, determination_reference, note,
				    changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""").params(code, name.strip(), status.name(), determinedOn, reference, note, actor, now).update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", "jurisdiction");
		payload.put("code", code);
		payload.put("before", before.map(j -> state(j.name(), j.status(), j.determinedOn(), j.determinationReference()))
			.orElse(null));
		payload.put("after", state(name.strip(), status, determinedOn, reference));
		payload.put("note", note);
		auditLog.append(actor, null, AuditKind.CONFIGURATION_CHANGED, payload);
		events.publishEvent(new JurisdictionsChanged(code));
		return find(code).orElseThrow();
	}

	/** A row as the audit entry says it; a status without a determination says null. */
	private static Map<String, Object> state(String name, EquivalenceStatus status, LocalDate determinedOn,
			String reference) {
		Map<String, Object> state = new HashMap<>();
		state.put("name", name);
		state.put("status", status.name());
		state.put("determinedOn", determinedOn == null ? null : determinedOn.toString());
		state.put("reference", reference);
		return state;
	}

	private Jurisdiction map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Jurisdiction(rs.getString("code"), rs.getString("name"),
				EquivalenceStatus.valueOf(rs.getString("status")), rs.getObject("determined_on", LocalDate.class),
				rs.getString("determination_reference"), rs.getString("note"), rs.getString("updated_by"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
