package jp.tobira.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;

/**
 * Requests for information and the issuer's answers. While a request is open the
 * statutory clock is paused (ARCHITECTURE.md §2); an answer may bring new versions of
 * documents.
 */
@Service
public class RequestsForInformation {

	static final int MAX_TEXT = 4000;

	private final JdbcClient jdbc;

	private final CaseAccess access;

	private final Applications applications;

	private final DocumentService documents;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final ObjectMapper json;

	private final Clock clock;

	RequestsForInformation(JdbcClient jdbc, CaseAccess access, Applications applications, DocumentService documents,
			AuditLog auditLog, ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.access = access;
		this.applications = applications;
		this.documents = documents;
		this.auditLog = auditLog;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/** Records a reviewer's request; the process then tells the issuer and waits. */
	@Transactional(propagation = Propagation.MANDATORY)
	public RequestForInformation raise(ApplicationId id, String taskKey, List<String> missing, String message,
			String raisedBy) {
		List<String> items = missing == null ? List.of() : missing;
		if (message == null || message.isBlank()) {
			throw InvalidInput.of("message", "problem.rfiMessage");
		}
		if (message.length() > MAX_TEXT) {
			throw InvalidInput.of("message", "problem.tooLong", MAX_TEXT);
		}
		if (items.size() > 50
				|| items.stream().anyMatch(item -> item == null || item.isBlank() || item.length() > 200)) {
			throw InvalidInput.of("missing", "problem.rfiItems");
		}
		Application application = applications.findById(id).orElseThrow(() -> new ApplicationNotFound(id));
		RequestForInformation rfi = new RequestForInformation(UUID.randomUUID(), id, taskKey, List.copyOf(items),
				message.strip(), raisedBy, clock.instant(), null, null, null, null, null);
		jdbc.sql("""
				INSERT INTO app.rfi (id, application_id, task_key, missing, message, raised_by, raised_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(rfi.id(), id.value(), taskKey, write(rfi.missing()), rfi.message(), raisedBy,
					Timestamp.from(rfi.raisedAt()))
			.update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("rfiId", rfi.id().toString());
		payload.put("taskKey", taskKey);
		payload.put("missing", rfi.missing());
		payload.put("message", rfi.message());
		auditLog.append(raisedBy, application.reference().value(), AuditKind.RFI_ISSUED, payload);
		return rfi;
	}

	/**
	 * The issuer's answer: a message and any number of new documents (new versions of a
	 * type). Closes the request, returns the case to the status of the stage that asked
	 * (a completeness check's case is submitted again, not in review) and resumes the
	 * process in the same transaction.
	 */
	@Transactional
	public RequestForInformation answer(Actor actor, ApplicationId id, String message, List<DocumentUpload> uploads) {
		Application application = access.toChangeAsIssuer(actor, id);
		RequestForInformation open = openFor(id).orElseThrow(() -> new NoOpenRequest(application.reference()));
		if (application.status() != ApplicationStatus.AWAITING_ISSUER) {
			throw new NoOpenRequest(application.reference());
		}
		if (message == null || message.isBlank()) {
			throw InvalidInput.of("message", "problem.required");
		}
		if (message.length() > MAX_TEXT) {
			throw InvalidInput.of("message", "problem.tooLong", MAX_TEXT);
		}
		List<Document> stored = new ArrayList<>();
		for (DocumentUpload upload : uploads) {
			stored.add(documents.store(actor, application, upload.type(), upload.upload()));
		}
		Instant now = clock.instant();
		jdbc.sql(
				"""
						UPDATE app.rfi SET answer = ?, answered_by = ?, answered_at = ?, closed_at = ?, closed_because = 'ANSWERED'
						WHERE id = ?
						""")
			.params(message.strip(), actor.username(), Timestamp.from(now), Timestamp.from(now), open.id())
			.update();
		application.moveTo(application.stage().workingStatus(), application.stage(), now);
		applications.update(application);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("rfiId", open.id().toString());
		payload.put("message", message.strip());
		payload.put("documents",
				stored.stream()
					.map(d -> Map.of("type", d.type().name(), "version", d.version(), "sha256", d.sha256()))
					.toList());
		auditLog.append(actor.username(), application.reference().value(), AuditKind.RFI_RESPONDED, payload);
		events.publishEvent(new RfiAnswered(id, application.reference()));
		return openOrLast(id);
	}

	public Optional<RequestForInformation> openFor(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.rfi WHERE application_id = ? AND closed_at IS NULL")
			.param(id.value())
			.query(this::map)
			.optional();
	}

	/** Every request of a case, oldest first: the statutory clock's pauses. */
	public List<RequestForInformation> of(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.rfi WHERE application_id = ? ORDER BY raised_at")
			.param(id.value())
			.query(this::map)
			.list();
	}

	/**
	 * The requests of several cases in one query: a page of a list reads its clocks with
	 * it.
	 */
	public Map<ApplicationId, List<RequestForInformation>> ofAll(java.util.Collection<ApplicationId> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		// one array parameter, however many cases: a list of bind parameters breaks past
		// 65,535 (the dashboard reads every open case's clock)
		return jdbc.sql("SELECT * FROM app.rfi WHERE application_id = ANY (?) ORDER BY raised_at")
			.param(ids.stream().map(ApplicationId::value).toArray(UUID[]::new))
			.query(this::map)
			.list()
			.stream()
			.collect(java.util.stream.Collectors.groupingBy(RequestForInformation::applicationId));
	}

	void closeOpen(ApplicationId id, String because) {
		jdbc.sql("UPDATE app.rfi SET closed_at = ?, closed_because = ? WHERE application_id = ? AND closed_at IS NULL")
			.params(Timestamp.from(clock.instant()), because, id.value())
			.update();
	}

	private RequestForInformation openOrLast(ApplicationId id) {
		List<RequestForInformation> all = of(id);
		return all.get(all.size() - 1);
	}

	/** One document of an answer. */
	public record DocumentUpload(DocumentType type, DocumentService.Upload upload) {
	}

	private RequestForInformation map(ResultSet rs, int row) throws SQLException {
		return new RequestForInformation(rs.getObject("id", UUID.class),
				new ApplicationId(rs.getObject("application_id", UUID.class)), rs.getString("task_key"),
				read(rs.getString("missing")), rs.getString("message"), rs.getString("raised_by"),
				instant(rs.getTimestamp("raised_at")), rs.getString("answer"), rs.getString("answered_by"),
				instant(rs.getTimestamp("answered_at")), instant(rs.getTimestamp("closed_at")),
				rs.getString("closed_because"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private String write(List<String> items) {
		try {
			return json.writeValueAsString(items);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> read(String items) {
		try {
			return json.readValue(items, new TypeReference<List<String>>() {
			});
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
