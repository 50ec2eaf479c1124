package jp.tobira.decision;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * The recommendation table's result for a case: what it advises, which rule fired, and
 * why.
 */
@Service
public class Recommendations {

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final Clock clock;

	Recommendations(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	public record Recommendation(String recommendation, String rule, String rationale, Instant madeAt) {
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(ApplicationId id, String reference, String recommendation, String rule, String rationale) {
		Instant now = clock.instant();
		jdbc.sql("""
				INSERT INTO app.recommendation (application_id, recommendation, rule, rationale, made_at)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (application_id) DO UPDATE SET recommendation = excluded.recommendation,
				    rule = excluded.rule, rationale = excluded.rationale, made_at = excluded.made_at
				""").params(id.value(), recommendation, rule, rationale, Timestamp.from(now)).update();
		jdbc.sql("UPDATE app.application SET recommendation = ? WHERE id = ?")
			.params(recommendation, id.value())
			.update();
		auditLog.append(Actor.SYSTEM.username(), reference, AuditKind.RECOMMENDATION_MADE,
				Map.of("recommendation", recommendation, "rule", rule, "rationale", rationale));
	}

	public Optional<Recommendation> of(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.recommendation WHERE application_id = ?")
			.param(id.value())
			.query((rs, row) -> new Recommendation(rs.getString("recommendation"), rs.getString("rule"),
					rs.getString("rationale"), rs.getTimestamp("made_at").toInstant()))
			.optional();
	}

}
