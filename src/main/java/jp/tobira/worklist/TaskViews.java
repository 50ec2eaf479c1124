package jp.tobira.worklist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.worklist.TaskQueues.Filters;

/**
 * The reviewers' saved views of the task list, kept on the server so they follow the
 * user: who may see, save, share and delete which; each save and deletion audited.
 */
@Service
public class TaskViews {

	public static final int NAME_LENGTH = 60;

	private final JdbcClient jdbc;

	private final TaskFilters taskFilters;

	private final AuditLog auditLog;

	private final Clock clock;

	TaskViews(JdbcClient jdbc, TaskFilters taskFilters, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.taskFilters = taskFilters;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	/**
	 * The actor's own views, then those shared with one of their groups or with everyone,
	 * each group by name.
	 */
	@Transactional(readOnly = true)
	public List<TaskView> visibleTo(Actor actor) {
		return jdbc.sql("""
				SELECT * FROM app.task_view
				WHERE owner = :user OR shared = :everyone OR shared IN (:groups)
				ORDER BY owner <> :user, name, id
				""")
			.param("user", actor.username())
			.param("everyone", TaskView.EVERYONE)
			.param("groups", groupIds(actor))
			.query(TaskViews::map)
			.list();
	}

	/**
	 * Whom the actor may share a view with: their own groups of the supervisor's staff,
	 * and everyone if they are an admin.
	 */
	public List<String> sharingChoices(Actor actor) {
		List<String> choices = new ArrayList<>(
				actor.groups().stream().filter(Group::isSupervisorStaff).sorted().map(Group::id).toList());
		if (actor.isIn(Group.ADMIN)) {
			choices.add(TaskView.EVERYONE);
		}
		return choices;
	}

	/**
	 * Saves a view, or refuses naming each field that is wrong (its name, whom it is
	 * shared with, any of its query's filters), saving nothing.
	 */
	@Transactional
	public TaskView save(Actor actor, String name, String shared, TaskFilters.Requested query) {
		List<FieldProblem> problems = new ArrayList<>();
		String stripped = name == null ? "" : name.strip();
		if (stripped.isEmpty() || stripped.length() > NAME_LENGTH) {
			problems.add(FieldProblem.of("name", "problem.taskView.name", NAME_LENGTH));
		}
		else if (taken(actor, stripped)) {
			problems.add(FieldProblem.of("name", "problem.taskView.nameTaken", stripped));
		}
		String sharedWith = shared == null || shared.isBlank() ? null : shared.strip();
		if (sharedWith != null && !sharingChoices(actor).contains(sharedWith)) {
			problems.add(FieldProblem.of("shared", TaskView.EVERYONE.equals(sharedWith)
					? "problem.taskView.sharedEveryone" : "problem.taskView.sharedGroup", sharedWith));
		}
		Filters filters = null;
		try {
			filters = taskFilters.parse("query.", query == null
					? new TaskFilters.Requested(null, null, null, null, null, null, null, null, null) : query);
		}
		catch (InvalidInput ex) {
			problems.addAll(ex.problems());
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		TaskView view = new TaskView(UUID.randomUUID(), actor.username(), stripped, sharedWith, filters,
				clock.instant().truncatedTo(ChronoUnit.MICROS));
		try {
			jdbc.sql("""
					INSERT INTO app.task_view (id, owner, name, shared, queue, task_key, jurisdiction, flagged, overdue,
					    escalated, follow_up_due, sort, descending, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(view.id(), view.owner(), view.name(), view.shared(), filters.queue().name(), filters.taskKey(),
						filters.jurisdiction(), filters.flagged(), filters.overdue(), filters.escalated(),
						filters.followUpDue(), filters.sort().name(), filters.descending(),
						Timestamp.from(view.createdAt()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// the same name saved by the same user a moment ago, in another tab
			throw InvalidInput.of("name", "problem.taskView.nameTaken", stripped);
		}
		auditLog.append(actor.username(), null, AuditKind.TASK_VIEW_SAVED, payload(view));
		return view;
	}

	/**
	 * Deletes a view: the owner's own, or any shared one by an admin. A view the actor
	 * cannot see (another's private one, one shared with a group not theirs) reads as not
	 * found; one they see but may not delete is forbidden.
	 */
	@Transactional
	public void delete(Actor actor, UUID id) {
		TaskView view = jdbc.sql("SELECT * FROM app.task_view WHERE id = ?")
			.param(id)
			.query(TaskViews::map)
			.optional()
			.orElseThrow(() -> new TaskViewNotFound(id));
		boolean own = view.owner().equals(actor.username());
		boolean adminOfShared = view.shared() != null && actor.isIn(Group.ADMIN);
		if (!own && !adminOfShared) {
			boolean seen = TaskView.EVERYONE.equals(view.shared()) || groupIds(actor).contains(view.shared());
			if (!seen) {
				throw new TaskViewNotFound(id);
			}
			throw new NotYourTaskView(actor.username(), view.name(), view.owner());
		}
		jdbc.sql("DELETE FROM app.task_view WHERE id = ?").param(id).update();
		auditLog.append(actor.username(), null, AuditKind.TASK_VIEW_DELETED, payload(view));
	}

	private boolean taken(Actor actor, String name) {
		return jdbc.sql("SELECT count(*) FROM app.task_view WHERE owner = ? AND name = ?")
			.params(actor.username(), name)
			.query(Long.class)
			.single() > 0;
	}

	private static Map<String, Object> payload(TaskView view) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("id", view.id().toString());
		payload.put("name", view.name());
		payload.put("owner", view.owner());
		payload.put("shared", view.shared());
		payload.put("query", TaskFilters.Requested.of(view.filters()));
		return payload;
	}

	private static List<String> groupIds(Actor actor) {
		List<String> ids = actor.groups().stream().map(Group::id).toList();
		// an empty IN list is not SQL; no group has this id
		return ids.isEmpty() ? List.of("-") : ids;
	}

	private static TaskView map(ResultSet rs, int row) throws SQLException {
		Filters filters = new Filters(TaskQueues.Queue.valueOf(rs.getString("queue")), rs.getString("task_key"),
				rs.getString("jurisdiction"), rs.getBoolean("flagged"), rs.getBoolean("overdue"),
				rs.getBoolean("escalated"), rs.getBoolean("follow_up_due"),
				TaskQueues.Sort.valueOf(rs.getString("sort")), rs.getBoolean("descending"));
		Instant created = rs.getTimestamp("created_at").toInstant();
		return new TaskView(rs.getObject("id", UUID.class), rs.getString("owner"), rs.getString("name"),
				rs.getString("shared"), filters, created);
	}

}
