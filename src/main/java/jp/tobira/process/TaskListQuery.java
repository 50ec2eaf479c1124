package jp.tobira.process;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The reviewer's task list as one SQL query over the engine's runtime task table and the application's own table
 * (DESIGN.md §7): sorting, filtering and paging happen in the database, and no process variable is read.
 */
@Component
class TaskListQuery {

	private static final String SELECT = """
			SELECT t.id_ AS task_id, t.task_def_key_ AS task_key, t.name_ AS task_name, t.assignee_ AS assignee,
			       t.due_date_ AS due, t.create_time_ AS created, a.id AS application_id, a.reference, a.token_name,
			       a.token_symbol, a.issuer_name, a.jurisdiction, a.escalated_at
			FROM public.act_ru_task t
			JOIN app.application a ON a.process_instance_id = t.proc_inst_id_
			""";

	/** The user's own tasks and their groups' unassigned ones. */
	private static final String WORKABLE = """
			WHERE (t.assignee_ = :user
			   OR (t.assignee_ IS NULL AND EXISTS (
			        SELECT 1 FROM public.act_ru_identitylink l
			        WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ IN (:groups))))
			""";

	private final JdbcClient jdbc;

	TaskListQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<OpenTask> workable(String user, Collection<String> groups, int offset, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("user", user)
			.addValue("groups", groups.isEmpty() ? List.of("-") : groups)
			.addValue("offset", offset)
			.addValue("limit", limit);
		return jdbc.sql(SELECT + WORKABLE + " ORDER BY t.due_date_ ASC NULLS LAST, t.create_time_ ASC, t.id_ LIMIT :limit OFFSET :offset")
			.paramSource(params)
			.query(TaskListQuery::map)
			.list();
	}

	long countWorkable(String user, Collection<String> groups) {
		return jdbc.sql("SELECT count(*) FROM public.act_ru_task t JOIN app.application a ON a.process_instance_id = t.proc_inst_id_ " + WORKABLE)
			.paramSource(new MapSqlParameterSource().addValue("user", user)
				.addValue("groups", groups.isEmpty() ? List.of("-") : groups))
			.query(Long.class)
			.single();
	}

	private static OpenTask map(ResultSet rs, int row) throws SQLException {
		return new OpenTask(rs.getString("task_id"), rs.getString("task_key"), rs.getString("task_name"),
				rs.getString("assignee"), instant(rs.getTimestamp("due")), instant(rs.getTimestamp("created")),
				rs.getObject("application_id", UUID.class), rs.getString("reference"), rs.getString("token_name"),
				rs.getString("token_symbol"), rs.getString("issuer_name"), rs.getString("jurisdiction"),
				rs.getTimestamp("escalated_at") != null);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
