package jp.tobira.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationNotFound;
import jp.tobira.application.Applications;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.validation.InvalidInput;

/**
 * Records decisions. The record's SHA-256 is taken over its canonical form, the JSON
 * object {@code {"conditions":…,"decidedAt":"<ISO-8601
 * instant>","decidedBy":…,"outcome":…,"reasons":…,"recommendation":…,"reference":…}} with
 * keys in that (alphabetical) order, no white space, absent texts as {@code null}; the
 * letter prints it so anyone can recompute it. Recording a decision only records it: what
 * follows from it (an approved token entering the register, the issuer told of a
 * rejection) is the process's next step.
 */
@Service
public class Decisions {

	static final int MAX_TEXT = 10_000;

	private static final ObjectMapper CANONICAL = new ObjectMapper();

	private final JdbcClient jdbc;

	private final Applications applications;

	private final AuditLog auditLog;

	private final Clock clock;

	Decisions(JdbcClient jdbc, Applications applications, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.applications = applications;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional
	public Decision record(ApplicationId id, Outcome outcome, String reasons, String conditions, String recommendation,
			String decidedBy) {
		if (outcome == null) {
			throw InvalidInput.of("decision", "problem.decisionRequired");
		}
		String cleanReasons = text("reasons", reasons);
		String cleanConditions = text("conditions", conditions);
		if (outcome == Outcome.APPROVE_WITH_CONDITIONS && cleanConditions == null) {
			throw InvalidInput.of("conditions", "problem.conditionsRequired");
		}
		if (outcome == Outcome.REJECT && cleanReasons == null) {
			throw InvalidInput.of("reasons", "problem.reasonsRequired");
		}
		if (outcome == Outcome.APPROVE && cleanConditions != null) {
			throw InvalidInput.of("conditions", "problem.conditionsNotAllowed");
		}
		Application application = applications.findById(id).orElseThrow(() -> new ApplicationNotFound(id));
		Instant decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String reference = application.reference().value();
		String sha256 = sha256(
				canonical(reference, outcome, cleanReasons, cleanConditions, recommendation, decidedBy, decidedAt));
		jdbc.sql("""
				INSERT INTO app.decision (application_id, outcome, reasons, conditions, recommendation, decided_by,
				    decided_at, record_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(id.value(), outcome.name(), cleanReasons, cleanConditions, recommendation, decidedBy,
					Timestamp.from(decidedAt), sha256)
			.update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("outcome", outcome.name());
		payload.put("reasons", cleanReasons);
		payload.put("conditions", cleanConditions);
		payload.put("recommendation", recommendation);
		payload.put("recordSha256", sha256);
		auditLog.append(decidedBy, reference, AuditKind.DECIDED, payload);
		return of(id).orElseThrow();
	}

	public Optional<Decision> of(ApplicationId id) {
		return jdbc.sql("""
				SELECT d.*, a.reference FROM app.decision d JOIN app.application a ON a.id = d.application_id
				WHERE d.application_id = ?
				""")
			.param(id.value())
			.query((rs, row) -> new Decision(new ApplicationId(rs.getObject("application_id", UUID.class)),
					rs.getString("reference"), Outcome.valueOf(rs.getString("outcome")), rs.getString("reasons"),
					rs.getString("conditions"), rs.getString("recommendation"), rs.getString("decided_by"),
					rs.getTimestamp("decided_at").toInstant(), rs.getString("record_sha256")))
			.optional();
	}

	/** The canonical form of a decision record, whose SHA-256 is {@code recordSha256}. */
	public static String canonical(String reference, Outcome outcome, String reasons, String conditions,
			String recommendation, String decidedBy, Instant decidedAt) {
		Map<String, Object> record = new LinkedHashMap<>();
		record.put("conditions", conditions);
		record.put("decidedAt", DateTimeFormatter.ISO_INSTANT.format(decidedAt));
		record.put("decidedBy", decidedBy);
		record.put("outcome", outcome.name());
		record.put("reasons", reasons);
		record.put("recommendation", recommendation);
		record.put("reference", reference);
		try {
			return CANONICAL.writeValueAsString(record);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.length() > MAX_TEXT) {
			throw InvalidInput.of(field, "problem.tooLong", MAX_TEXT);
		}
		return value.strip();
	}

	static String sha256(String canonical) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
