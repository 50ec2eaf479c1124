package jp.tobira.checks;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.validation.InvalidInput;

/**
 * The pre-screen's flags on a case, each with the rule that raised it. A reviewer may
 * overrule a flag only with a written reason; the flag stays visible, marked as
 * overruled.
 */
@Service
public class CaseFlags {

	private final JdbcClient jdbc;

	private final Clock clock;

	CaseFlags(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record RaisedFlag(String flag, String rule, String advice, Instant raisedAt, String overruledBy,
			String overruleReason) {

		public boolean overruled() {
			return overruledBy != null;
		}

		public boolean is(Flag kind) {
			return kind.name().equals(flag);
		}
	}

	/** Replaces the case's flags with the pre-screen's result (the rules that fired). */
	@Transactional(propagation = Propagation.MANDATORY)
	public void raise(ApplicationId id, List<Map<String, Object>> fired) {
		jdbc.sql("DELETE FROM app.case_flag WHERE application_id = ? AND overruled_by IS NULL")
			.param(id.value())
			.update();
		for (Map<String, Object> rule : fired) {
			jdbc.sql("""
					INSERT INTO app.case_flag (application_id, flag, rule, advice, raised_at) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (application_id, flag) DO NOTHING
					""")
				.params(id.value(), rule.get("flag"), rule.get("rule"), rule.get("advice"),
						Timestamp.from(clock.instant()))
				.update();
		}
	}

	/**
	 * A reviewer overrules flags, each with a reason; an unknown flag or a missing reason
	 * is refused.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void overrule(ApplicationId id, Map<String, String> reasonsByFlag, String reviewer) {
		List<String> raised = of(id).stream().map(RaisedFlag::flag).toList();
		for (Map.Entry<String, String> overrule : reasonsByFlag.entrySet()) {
			if (!raised.contains(overrule.getKey())) {
				throw InvalidInput.of("overrules." + overrule.getKey(), "problem.notRaised");
			}
			String reason = overrule.getValue();
			if (reason == null || reason.isBlank()) {
				throw InvalidInput.of("overrules." + overrule.getKey(), "problem.reasonNeeded");
			}
			if (reason.length() > 2000) {
				throw InvalidInput.of("overrules." + overrule.getKey(), "problem.tooLong", 2000);
			}
			jdbc.sql("""
					UPDATE app.case_flag SET overruled_by = ?, overrule_reason = ?, overruled_at = ?
					WHERE application_id = ? AND flag = ?
					""")
				.params(reviewer, reason.strip(), Timestamp.from(clock.instant()), id.value(), overrule.getKey())
				.update();
		}
	}

	public List<RaisedFlag> of(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.case_flag WHERE application_id = ? ORDER BY raised_at, flag")
			.param(id.value())
			.query((rs, row) -> new RaisedFlag(rs.getString("flag"), rs.getString("rule"), rs.getString("advice"),
					rs.getTimestamp("raised_at").toInstant(), rs.getString("overruled_by"),
					rs.getString("overrule_reason")))
			.list();
	}

}
