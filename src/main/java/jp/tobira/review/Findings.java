package jp.tobira.review;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.validation.InvalidInput;

/**
 * Each reviewer's outcome and written findings, one row per completed task, for every
 * later screen to show.
 */
@Service
public class Findings {

	static final int MAX_TEXT = 10_000;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	Findings(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	public record Finding(UUID id, String taskKey, String outcome, String text, String details, String recordedBy,
			Instant recordedAt) {
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public Finding record(ApplicationId id, String taskKey, String outcome, String text, Map<String, ?> details,
			String recordedBy) {
		if (text != null && text.length() > MAX_TEXT) {
			throw InvalidInput.of("findings", "problem.tooLong", MAX_TEXT);
		}
		Finding finding = new Finding(UUID.randomUUID(), taskKey, outcome, text == null ? null : text.strip(),
				write(details), recordedBy, clock.instant());
		jdbc.sql("""
				INSERT INTO app.finding (id, application_id, task_key, outcome, text, details, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(finding.id(), id.value(), taskKey, outcome, finding.text(), finding.details(), recordedBy,
					Timestamp.from(finding.recordedAt()))
			.update();
		return finding;
	}

	public List<Finding> of(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.finding WHERE application_id = ? ORDER BY recorded_at")
			.param(id.value())
			.query((rs, row) -> new Finding(rs.getObject("id", UUID.class), rs.getString("task_key"),
					rs.getString("outcome"), rs.getString("text"), rs.getString("details"), rs.getString("recorded_by"),
					rs.getTimestamp("recorded_at").toInstant()))
			.list();
	}

	private String write(Map<String, ?> details) {
		try {
			return json.writeValueAsString(details == null ? Map.of() : details);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
