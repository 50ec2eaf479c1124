package jp.tobira.application;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.validation.ControlCharacters;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * Internal notes on a case: written and read by the supervisor's staff only (an issuer,
 * even the case's own, is answered as for a case it may not see), plain text within a
 * length limit, never changed once written (the table's trigger), each one audited as
 * {@code NOTE_ADDED} with its text in the same transaction.
 */
@Service
public class CaseNotes {

	/** The longest note, in characters. */
	public static final int MAX_TEXT = 4000;

	private final JdbcClient jdbc;

	private final CaseAccess access;

	private final AuditLog auditLog;

	private final ObjectMapper json;

	private final Clock clock;

	CaseNotes(JdbcClient jdbc, CaseAccess access, AuditLog auditLog, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.access = access;
		this.auditLog = auditLog;
		this.json = json;
		this.clock = clock;
	}

	/** The case's notes, newest first. */
	@Transactional(readOnly = true)
	public List<CaseNote> of(Actor actor, ApplicationId id) {
		Application application = forStaff(actor, id);
		return jdbc.sql("""
				SELECT id, application_id, author, written_at, task_id, body FROM app.case_note
				WHERE application_id = ? ORDER BY written_at DESC, id
				""")
			.param(application.id().value())
			.query((rs, row) -> new CaseNote(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
					rs.getString("author"), rs.getTimestamp("written_at").toInstant(), rs.getString("task_id"),
					rs.getString("body")))
			.list();
	}

	/**
	 * Writes a note on the case.
	 * @param taskId the task screen it was written on, or {@code null}; the caller has
	 * opened that task for the actor on this case
	 */
	@Transactional
	public CaseNote add(Actor actor, ApplicationId id, String text, String taskId) {
		Application application = forStaff(actor, id);
		List<FieldProblem> problems = new ArrayList<>();
		if (text == null || text.isBlank()) {
			problems.add(FieldProblem.of("text", "problem.requiredShort", MAX_TEXT));
		}
		else if (text.length() > MAX_TEXT) {
			problems.add(FieldProblem.of("text", "problem.tooLong", MAX_TEXT));
		}
		else if (ControlCharacters.inText(text)) {
			// the doors refuse them first; said again here, where the rule is used
			problems.add(ControlCharacters.problem("text"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		String kept = text.strip();
		CaseNote note = new CaseNote(UUID.randomUUID(), application.id().value(), actor.username(),
				clock.instant().truncatedTo(ChronoUnit.MICROS), taskId, kept);
		jdbc.sql("""
				INSERT INTO app.case_note (id, application_id, author, written_at, task_id, body)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(note.id(), note.applicationId(), note.author(), Timestamp.from(note.writtenAt()), taskId, kept)
			.update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("noteId", note.id().toString());
		payload.put("text", kept);
		if (taskId != null) {
			payload.put("taskId", taskId);
		}
		auditLog.append(actor.username(), application.reference().value(), AuditKind.NOTE_ADDED, payload);
		return note;
	}

	/**
	 * The text a {@code NOTE_ADDED} entry carries, for a history that shows what was
	 * written.
	 */
	public Optional<String> textFromAuditPayload(String payload) {
		try {
			JsonNode text = json.readTree(payload).path("text");
			return text.isTextual() ? Optional.of(text.textValue()) : Optional.empty();
		}
		catch (JsonProcessingException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The case, for one of the supervisor's staff; anyone else is answered as for a case
	 * they may not see, so an issuer learns nothing about notes, not even that there
	 * might be some.
	 */
	private Application forStaff(Actor actor, ApplicationId id) {
		if (!actor.isSupervisorStaff()) {
			throw new ApplicationNotFound(id);
		}
		return access.toRead(actor, id);
	}

}
