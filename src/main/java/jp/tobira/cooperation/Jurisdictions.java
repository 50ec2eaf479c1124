package jp.tobira.cooperation;

import java.sql.Timestamp;
import java.time.Clock;
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
 * The jurisdiction table: data an admin edits, every change audited. The process reads it
 * through the {@code jurisdictions} decision table, which is regenerated on every change
 * ({@link JurisdictionsChanged}).
 */
@Service
public class Jurisdictions {

	private static final Set<String> CODES = Set.of(Locale.getISOCountries());

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

	@Transactional
	public Jurisdiction set(String actor, String code, String name, EquivalenceStatus status, String note) {
		if (code == null || !CODES.contains(code)) {
			throw InvalidInput.of("code", "problem.country");
		}
		if (name == null || name.isBlank() || name.length() > 100) {
			throw InvalidInput.of("name", "problem.requiredShort", 100);
		}
		if (status == null) {
			throw InvalidInput.of("status", "problem.requiredOneOf", List.of(EquivalenceStatus.values()).toString());
		}
		if (note != null && note.length() > 500) {
			throw InvalidInput.of("note", "problem.tooLong", 500);
		}
		Optional<Jurisdiction> before = find(code);
		jdbc.sql(
				"""
						INSERT INTO app.jurisdiction (code, name, status, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
						ON CONFLICT (code) DO UPDATE SET name = excluded.name, status = excluded.status, note = excluded.note,
						    updated_by = excluded.updated_by, updated_at = excluded.updated_at
						""")
			.params(code, name.strip(), status.name(), note, actor, Timestamp.from(clock.instant()))
			.update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("table", "jurisdiction");
		payload.put("code", code);
		payload.put("before", before.map(j -> Map.of("name", j.name(), "status", j.status().name())).orElse(null));
		payload.put("after", Map.of("name", name.strip(), "status", status.name()));
		payload.put("note", note);
		auditLog.append(actor, null, AuditKind.CONFIGURATION_CHANGED, payload);
		events.publishEvent(new JurisdictionsChanged(code));
		return find(code).orElseThrow();
	}

	private Jurisdiction map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Jurisdiction(rs.getString("code"), rs.getString("name"),
				EquivalenceStatus.valueOf(rs.getString("status")), rs.getString("note"), rs.getString("updated_by"),
				rs.getTimestamp("updated_at").toInstant());
	}

}
