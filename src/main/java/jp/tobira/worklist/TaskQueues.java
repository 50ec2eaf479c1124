package jp.tobira.worklist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationStatus;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;

/**
 * The reviewers' queues: "my tasks", "my groups' unassigned tasks" and "all open cases",
 * each one SQL query per page over the engine's task table and the application's tables,
 * with filtering, sorting and paging in the database.
 */
@Service
public class TaskQueues {

	public enum Queue {

		/** The reviewer's own tasks. */
		MINE,
		/** Their groups' unassigned tasks. */
		GROUPS,
		/** Every open case, with its task if it has one. */
		ALL,
		/**
		 * What the reviewer may work now: MINE and GROUPS together, as the API lists it.
		 */
		WORKABLE;

		/** The queues the page shows as tabs. */
		public static final List<Queue> TABS = List.of(MINE, GROUPS, ALL);

	}

	public enum Sort {

		DUE("t.due_date_", "due_date_"), REFERENCE("a.reference", "reference"), TOKEN("a.token_name", "token_name"),
		ISSUER("a.issuer_name", "issuer_name"), JURISDICTION("a.jurisdiction", "jurisdiction"),
		TASK("t.name_", "task_name"), SUBMITTED("a.submitted_at", "submitted_at");

		final String column;

		/** The column's name in the row query's result. */
		final String output;

		Sort(String column, String output) {
			this.column = column;
			this.output = output;
		}

		/** Whether the order is the task's own (a case without a task has none). */
		boolean onTask() {
			return column.startsWith("t.");
		}

		/**
		 * The ORDER BY of this column: a column that may be empty puts the empty ones
		 * last either way; the reference is never empty, and said plainly its order
		 * descending is its unique index read backwards.
		 */
		String orderBy(boolean descending) {
			if (this == REFERENCE) {
				return column + (descending ? " DESC" : " ASC");
			}
			return column + (descending ? " DESC" : " ASC") + " NULLS LAST";
		}

	}

	/**
	 * What the reviewer asked for; every filter optional. {@code followUpDue}: only tasks
	 * whose follow-up date is today or past.
	 */
	public record Query(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
			boolean escalated, boolean followUpDue, Sort sort, boolean descending, int page, int size) {

		public Query(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
				boolean escalated, Sort sort, boolean descending, int page, int size) {
			this(queue, taskKey, jurisdiction, flagged, overdue, escalated, false, sort, descending, page, size);
		}

		/** The filters alone, without the page: what a saved view keeps. */
		public Filters filters() {
			return new Filters(queue, taskKey, jurisdiction, flagged, overdue, escalated, followUpDue, sort,
					descending);
		}

	}

	/**
	 * A queue with its filters and order, as {@link TaskFilters} reads them from a
	 * request and a saved view keeps them.
	 */
	public record Filters(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
			boolean escalated, boolean followUpDue, Sort sort, boolean descending) {

		public Filters(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
				boolean escalated, Sort sort, boolean descending) {
			this(queue, taskKey, jurisdiction, flagged, overdue, escalated, false, sort, descending);
		}

		public Query page(int page, int size) {
			return new Query(queue, taskKey, jurisdiction, flagged, overdue, escalated, followUpDue, sort, descending,
					page, size);
		}

	}

	/**
	 * One row: a case and its open task (none for a case waiting for the issuer, in "all
	 * open cases"); its follow-up date, and whom it was meant for if it went to the
	 * assignee as their delegate.
	 */
	public record Row(UUID applicationId, String reference, String tokenName, String tokenSymbol, String issuerName,
			String jurisdiction, String status, Instant submittedAt, String taskId, String taskKey, String taskName,
			String assignee, Instant due, Instant created, boolean escalated, List<String> flags,
			java.time.LocalDate followUp, String delegatedFrom, String delegatedFromName) {

		public boolean overdue(Instant now) {
			return due != null && due.isBefore(now);
		}
	}

	/**
	 * A page of the task list. The queue's total and the tabs' counts are counted only so
	 * far (issue 15: counting 100,000 rows on every page cost more than the page): a
	 * count above {@link #COUNT_CAP} is shown as "1,000+", and {@code total} is exact
	 * only when {@code totalExact}, otherwise a lower bound that reaches past the pages
	 * the page links to.
	 */
	public record Page(List<Row> rows, long total, boolean totalExact, Map<Queue, Long> counts) {

		public boolean countsMore(long count) {
			return count > COUNT_CAP;
		}

	}

	/**
	 * How far the task list counts a tab or a saved view: a count above this is "more
	 * than 1,000" (the count stops at {@code COUNT_CAP + 1}).
	 */
	public static final int COUNT_CAP = 1000;

	/** Pages either side of the current one that the page links to. */
	public static final int PAGE_WINDOW = 2;

	/**
	 * A page of rows without the tabs' counts, for the API: {@code total} exact when
	 * {@code totalExact}, otherwise a lower bound past this page and the next (counted so
	 * far only, as on the page).
	 */
	public record Slice(List<Row> rows, long total, boolean totalExact) {
	}

	private static final String FROM_ALL = """
			FROM app.application a
			LEFT JOIN public.act_ru_task t ON t.proc_inst_id_ = a.process_instance_id
			""";

	/**
	 * "All open cases" that have a task, from the task's side: ordered by a column of the
	 * task, a page walks the task's index and looks up each task's case by its process.
	 */
	private static final String FROM_ALL_TASKS = """
			FROM public.act_ru_task t
			JOIN app.application a ON a.process_instance_id = t.proc_inst_id_
			""";

	private static final String COLUMNS = """
			SELECT a.id, a.reference, a.token_name, a.token_symbol, a.issuer_name, a.jurisdiction, a.status,
			       a.submitted_at, a.escalated_at, t.id_ AS task_id, t.task_def_key_, t.name_ AS task_name,
			       t.assignee_, t.due_date_, t.create_time_,
			       (SELECT string_agg(f.flag, ',' ORDER BY f.flag) FROM app.case_flag f
			        WHERE f.application_id = a.id AND f.overruled_by IS NULL) AS flags,
			       t.follow_up_date_,
			       (SELECT d.meant_for FROM app.delegated_task d
			        WHERE d.task_id = t.id_ AND d.delegate = t.assignee_) AS delegated_from,
			       (SELECT u.display_name FROM app.delegated_task d JOIN app.users u ON u.username = d.meant_for
			        WHERE d.task_id = t.id_ AND d.delegate = t.assignee_) AS delegated_from_name
			""";

	private static final String FROM_TASKS = """
			FROM public.act_ru_task t
			JOIN app.case_process cp ON cp.process_instance_id = t.proc_inst_id_
			JOIN app.application a ON a.id = cp.application_id
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	TaskQueues(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A page of the queue with the tabs' counts, for the task list page: the total
	 * counted as far as the pages the page links to (at least {@link #COUNT_CAP}), the
	 * tabs as far as {@link #COUNT_CAP}.
	 */
	@Transactional(readOnly = true)
	public Page find(Actor actor, Query query) {
		List<Row> rows = page(actor, query);
		long reach = Math.max(COUNT_CAP, ((long) query.page() + PAGE_WINDOW + 1) * query.size());
		long total = countUpTo(actor, query.filters(), reach);
		return new Page(rows, total, total <= reach, counts(actor));
	}

	/**
	 * A page of the queue and the number of its rows, for the API: exact up to
	 * {@link #COUNT_CAP} or to the end of the next page, whichever is further, otherwise
	 * known only to be more.
	 */
	@Transactional(readOnly = true)
	public Slice rows(Actor actor, Query query) {
		long reach = Math.max(COUNT_CAP, ((long) query.page() + 2) * query.size());
		long total = countUpTo(actor, query.filters(), reach);
		return new Slice(page(actor, query), total, total <= reach);
	}

	/**
	 * The rows of one page, in the list's order: the sort's column, then the reference,
	 * then the task. Each order has an index ({@code V22__task_list_indexes.sql},
	 * {@code process/EngineTaskIndexes}), so a page walks one and stops.
	 */
	private List<Row> page(Actor actor, Query query) {
		if (query.queue() == Queue.ALL && query.sort().onTask()) {
			return allOpenCasesByTask(actor, query);
		}
		MapSqlParameterSource params = params(actor);
		String fromWhere = fromWhere(query.queue(), params) + filters(query, params);
		params.addValue("limit", query.size()).addValue("offset", query.page() * query.size());
		return jdbc
			.sql(COLUMNS + fromWhere + " ORDER BY " + query.sort().orderBy(query.descending())
					+ ", a.reference, t.id_ LIMIT :limit OFFSET :offset")
			.paramSource(params)
			.query((rs, row) -> map(rs, clock.getZone()))
			.list();
	}

	/**
	 * "All open cases" ordered by a column of their task (due date, task): the cases
	 * whose task has one come first, in that order, then the others (waiting for the
	 * issuer, or a task without a due date) by reference, as {@code NULLS LAST} orders
	 * them. Asked as one statement, the outer join to the task would sort every open case
	 * for each page; in two, the first walks the task's index from the task's side, and
	 * the second is read only for a page that reaches past the first part.
	 */
	private List<Row> allOpenCasesByTask(Actor actor, Query query) {
		String column = query.sort().column;
		long offset = (long) query.page() * query.size();
		MapSqlParameterSource params = params(actor);
		String withColumn = FROM_ALL_TASKS + " WHERE a.status IN (:open) AND " + column + " IS NOT NULL"
				+ filters(query, params);
		params.addValue("limit", query.size()).addValue("offset", offset);
		List<Row> rows = new java.util.ArrayList<>(jdbc
			.sql(COLUMNS + withColumn + " ORDER BY " + column + (query.descending() ? " DESC" : " ASC")
					+ ", a.reference, t.id_ LIMIT :limit OFFSET :offset")
			.paramSource(params)
			.query((rs, row) -> map(rs, clock.getZone()))
			.list());
		if (rows.size() == query.size()) {
			return rows;
		}
		// the page reaches the end of the first part: how many rows that part has, at
		// most
		// the offset (when the page lies wholly past it), tells where the second starts
		long first = rows.isEmpty() ? countUpTo("SELECT 1 " + withColumn, params, offset) : offset + rows.size();
		MapSqlParameterSource rest = params(actor);
		String withoutColumn = FROM_ALL + " WHERE a.status IN (:open) AND " + column + " IS NULL"
				+ filters(query, rest);
		rest.addValue("limit", query.size() - rows.size()).addValue("offset", Math.max(0, offset - first));
		rows.addAll(jdbc.sql(COLUMNS + withoutColumn + " ORDER BY a.reference, t.id_ LIMIT :limit OFFSET :offset")
			.paramSource(rest)
			.query((rs, row) -> map(rs, clock.getZone()))
			.list());
		return rows;
	}

	/**
	 * The number of rows in each queue, unfiltered, for the queue tabs: counted as far as
	 * {@link #COUNT_CAP} and one more, which the page shows as "1,000+".
	 */
	@Transactional(readOnly = true)
	public Map<Queue, Long> counts(Actor actor) {
		Map<Queue, Long> counts = new java.util.EnumMap<>(Queue.class);
		for (Queue queue : Queue.TABS) {
			MapSqlParameterSource params = params(actor);
			counts.put(queue, countUpTo("SELECT 1 " + fromWhere(queue, params), params, COUNT_CAP));
		}
		return counts;
	}

	/**
	 * The number of rows a saved view would list, as far as {@link #COUNT_CAP} and one
	 * more: the same FROM and WHERE as its page, so a view's tab and its list cannot
	 * disagree.
	 */
	@Transactional(readOnly = true)
	public long count(Actor actor, Filters filters) {
		return countUpTo(actor, filters, COUNT_CAP);
	}

	/** The rows the filters list, counted as far as {@code limit} and one more. */
	private long countUpTo(Actor actor, Filters filters, long limit) {
		MapSqlParameterSource params = params(actor);
		String fromWhere = fromWhere(filters.queue(), params) + filters(filters.page(0, 1), params);
		return countUpTo("SELECT 1 " + fromWhere, params, limit);
	}

	/**
	 * The rows of a query, counted as far as {@code limit} and one more: a count that
	 * stops early, where {@code count(*)} would read the whole queue.
	 */
	private long countUpTo(String select, MapSqlParameterSource params, long limit) {
		MapSqlParameterSource bounded = new MapSqlParameterSource(params.getValues()).addValue("countLimit", limit + 1);
		return jdbc.sql("SELECT count(*) FROM (" + select + " LIMIT :countLimit) counted")
			.paramSource(bounded)
			.query(Long.class)
			.single();
	}

	private MapSqlParameterSource params(Actor actor) {
		Set<String> groups = actor.groups().stream().map(Group::id).collect(Collectors.toSet());
		return new MapSqlParameterSource().addValue("user", actor.username())
			.addValue("groups", groups.isEmpty() ? List.of("-") : groups)
			.addValue("now", Timestamp.from(clock.instant()))
			// a follow-up date is the start of its day: one after today's keeps the task
			// out of the reviewer's own queue until that day
			.addValue("tomorrow",
					Timestamp
						.from(java.time.LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone()).toInstant()))
			.addValue("open", ApplicationStatus.openNames());
	}

	private static String fromWhere(Queue queue, MapSqlParameterSource params) {
		return switch (queue) {
			case MINE -> FROM_TASKS + " WHERE t.assignee_ = :user AND " + NOT_FOLLOWED_UP_LATER;
			case GROUPS -> FROM_TASKS + """
					 WHERE t.assignee_ IS NULL AND EXISTS (SELECT 1 FROM public.act_ru_identitylink l
					     WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ IN (:groups))
					""";
			case WORKABLE -> FROM_TASKS + " WHERE ((t.assignee_ = :user AND " + NOT_FOLLOWED_UP_LATER + ")" + """
					 OR (t.assignee_ IS NULL AND EXISTS (SELECT 1 FROM public.act_ru_identitylink l
					     WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate' AND l.group_id_ IN (:groups))))
					""";
			case ALL -> FROM_ALL + " WHERE a.status IN (:open)";
		};
	}

	/** A task without a follow-up date, or one due today or before. */
	private static final String NOT_FOLLOWED_UP_LATER = "(t.follow_up_date_ IS NULL OR t.follow_up_date_ < :tomorrow)";

	private static String filters(Query query, MapSqlParameterSource params) {
		StringBuilder where = new StringBuilder();
		if (query.taskKey() != null && !query.taskKey().isBlank()) {
			where.append(" AND t.task_def_key_ = :task");
			params.addValue("task", query.taskKey());
		}
		if (query.jurisdiction() != null && !query.jurisdiction().isBlank()) {
			where.append(" AND a.jurisdiction = :jurisdiction");
			params.addValue("jurisdiction", query.jurisdiction().strip().toUpperCase(java.util.Locale.ROOT));
		}
		if (query.flagged()) {
			where.append(
					" AND EXISTS (SELECT 1 FROM app.case_flag f WHERE f.application_id = a.id AND f.overruled_by IS NULL)");
		}
		if (query.overdue()) {
			where.append(" AND t.due_date_ < :now");
		}
		if (query.escalated()) {
			where.append(" AND a.escalated_at IS NOT NULL");
		}
		if (query.followUpDue()) {
			where.append(" AND t.follow_up_date_ < :tomorrow");
		}
		return where.toString();
	}

	private static Row map(ResultSet rs, java.time.ZoneId zone) throws SQLException {
		String flags = rs.getString("flags");
		Timestamp followUp = rs.getTimestamp("follow_up_date_");
		return new Row(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("token_name"),
				rs.getString("token_symbol"), rs.getString("issuer_name"), rs.getString("jurisdiction"),
				rs.getString("status"), instant(rs.getTimestamp("submitted_at")), rs.getString("task_id"),
				rs.getString("task_def_key_"), rs.getString("task_name"), rs.getString("assignee_"),
				instant(rs.getTimestamp("due_date_")), instant(rs.getTimestamp("create_time_")),
				rs.getTimestamp("escalated_at") != null, flags == null ? List.of() : Arrays.asList(flags.split(",")),
				followUp == null ? null : java.time.LocalDate.ofInstant(followUp.toInstant(), zone),
				rs.getString("delegated_from"), rs.getString("delegated_from_name"));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
