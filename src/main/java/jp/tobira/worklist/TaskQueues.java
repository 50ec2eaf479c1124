package jp.tobira.worklist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
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
 * each one SQL query per page over the list's own table of open tasks
 * ({@code app.open_task}, which triggers keep with the engine's task tables) and the
 * application's tables, with filtering, sorting and paging in the database.
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

		/** Whether the column holds instants (a cursor carries them as ISO-8601). */
		boolean instants() {
			return this == DUE || this == SUBMITTED;
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
			return orderBy(descending, false);
		}

		/**
		 * The ORDER BY of this column, or of the list read backwards: the order turned
		 * round, empty values first, which is the same index read the other way.
		 */
		String orderBy(boolean descending, boolean backwards) {
			if (this == REFERENCE) {
				return column + (descending ? " DESC" : " ASC");
			}
			return column + (descending ? " DESC" : " ASC") + (backwards ? " NULLS FIRST" : " NULLS LAST");
		}

	}

	/**
	 * What the reviewer asked for; every filter optional. {@code followUpDue}: only tasks
	 * whose follow-up date is today or past.
	 */
	public record Query(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
			boolean escalated, boolean followUpDue, Sort sort, boolean descending, int page, int size,
			Position position) {

		public Query(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
				boolean escalated, boolean followUpDue, Sort sort, boolean descending, int page, int size) {
			this(queue, taskKey, jurisdiction, flagged, overdue, escalated, followUpDue, sort, descending, page, size,
					null);
		}

		public Query(Queue queue, String taskKey, String jurisdiction, boolean flagged, boolean overdue,
				boolean escalated, Sort sort, boolean descending, int page, int size) {
			this(queue, taskKey, jurisdiction, flagged, overdue, escalated, false, sort, descending, page, size);
		}

		/**
		 * The same list from a position rather than an offset: {@code page} is then only
		 * the page's number as the links carry it.
		 */
		public Query from(Position position) {
			return new Query(queue, taskKey, jurisdiction, flagged, overdue, escalated, followUpDue, sort, descending,
					page, size, position);
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
	 * Where a row stands in the list's order: the value of the sorted column (written as
	 * text, an instant as ISO-8601; {@code null} when the row has none), its reference
	 * and its task (none for a case without one). A page's links carry its first and last
	 * row's place, and the next page is read from there by the indexes of the order
	 * (keyset paging), so a page a thousand pages deep costs what the first one does,
	 * where an {@code OFFSET} reads and drops every row before it.
	 */
	public record Cursor(String value, String reference, String taskId) {

		private static final char SEPARATOR = '\u001f';

		public Cursor {
			java.util.Objects.requireNonNull(reference, "reference");
		}

		/** The place of this row in a list in this order. */
		public static Cursor of(Sort sort, Row row) {
			Object value = switch (sort) {
				case DUE -> row.due();
				case REFERENCE -> row.reference();
				case TOKEN -> row.tokenName();
				case ISSUER -> row.issuerName();
				case JURISDICTION -> row.jurisdiction();
				case TASK -> row.taskName();
				case SUBMITTED -> row.submittedAt();
			};
			return new Cursor(value == null ? null : value.toString(), row.reference(), row.taskId());
		}

		/**
		 * As a link carries it: URL-safe Base64 of the three parts, each marked as
		 * present or empty, so that any text survives.
		 */
		public String encoded() {
			String text = part(value) + SEPARATOR + part(reference) + SEPARATOR + part(taskId);
			return java.util.Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}

		/**
		 * The cursor a link carried, or a refusal of the field {@code field} if it is not
		 * one this list wrote for this order.
		 */
		public static Cursor decode(String field, String encoded, Sort sort) {
			try {
				String text = new String(java.util.Base64.getUrlDecoder().decode(encoded),
						java.nio.charset.StandardCharsets.UTF_8);
				String[] parts = text.split(String.valueOf(SEPARATOR), -1);
				if (parts.length != 3) {
					throw new IllegalArgumentException("three parts");
				}
				Cursor cursor = new Cursor(unpart(parts[0]), unpart(parts[1]), unpart(parts[2]));
				if (cursor.value != null && sort.instants()) {
					Instant.parse(cursor.value);
				}
				return cursor;
			}
			catch (RuntimeException ex) {
				throw jp.tobira.validation.InvalidInput.of(field, "problem.taskCursor");
			}
		}

		/** The sorted column's value as a parameter of the statement. */
		Object parameter(Sort sort) {
			return sort.instants() ? Timestamp.from(Instant.parse(value)) : value;
		}

		private static String part(String text) {
			return text == null ? "-" : "=" + text;
		}

		private static String unpart(String part) {
			if (part.equals("-")) {
				return null;
			}
			if (!part.startsWith("=")) {
				throw new IllegalArgumentException("unmarked part");
			}
			return part.substring(1);
		}

	}

	/**
	 * Where a page is read from: the rows after a cursor (the next page), the rows before
	 * it (the previous page), or with no cursor before the end: the last page.
	 */
	public record Position(boolean before, Cursor cursor) {

		public static Position after(Cursor cursor) {
			return new Position(false, java.util.Objects.requireNonNull(cursor));
		}

		public static Position before(Cursor cursor) {
			return new Position(true, java.util.Objects.requireNonNull(cursor));
		}

		/** The last page: the list's end, read backwards. */
		public static Position last() {
			return new Position(true, null);
		}

		/** The first page: the list's start. */
		public static Position first() {
			return new Position(false, null);
		}

		/**
		 * The position a request's link asked for, as the page and the API carry it: the
		 * rows {@code after} or {@code before} a cursor (each refused as that field if it
		 * is not one this list wrote for {@code sort}), or the {@code last} page; none (a
		 * page by its number) when it asked for none of these.
		 */
		public static Position asked(String after, String before, boolean last, Sort sort) {
			if (after != null && !after.isBlank()) {
				return after(Cursor.decode("after", after, sort));
			}
			if (before != null && !before.isBlank()) {
				return before(Cursor.decode("before", before, sort));
			}
			return last ? last() : null;
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
	 * count above {@link #COUNT_CAP} is shown as "100+", and {@code total} is exact only
	 * when {@code totalExact}, otherwise {@code COUNT_CAP + 1}. Whether a page comes
	 * before or after this one is known from the rows ({@code hasPrevious},
	 * {@code hasNext}).
	 */
	public record Page(List<Row> rows, long total, boolean totalExact, Map<Queue, Long> counts, boolean hasPrevious,
			boolean hasNext) {

		public boolean countsMore(long count) {
			return count > COUNT_CAP;
		}

	}

	/**
	 * How far the task list counts a tab, a saved view or the list's total: a count above
	 * this is "more than 100" (the count stops at {@code COUNT_CAP + 1}). Each counted
	 * row costs index look-ups in the task, its links and its case; counted to 1,000 the
	 * page's counts alone took 20-60 ms at 100,000 open cases (issue 15), and the pages
	 * need no total to be reached: the next, previous and last links read from a row's
	 * place.
	 */
	public static final int COUNT_CAP = 100;

	/** Pages either side of the current one that the page links to. */
	public static final int PAGE_WINDOW = 2;

	/**
	 * A page of rows without the tabs' counts, for the API: {@code total} exact when
	 * {@code totalExact}, otherwise a lower bound past this page and the next (counted so
	 * far only, as on the page).
	 */
	public record Slice(List<Row> rows, long total, boolean totalExact, boolean hasNext) {
	}

	/**
	 * The rows of a page and whether the list goes on before and after them, known by
	 * reading one row more than the page in the direction it is read.
	 */
	private record Rows(List<Row> rows, boolean hasPrevious, boolean hasNext) {
	}

	/**
	 * The case is open: the statuses written in, so that the planner can use the partial
	 * indexes on the open cases ({@link ApplicationStatus#openLiterals()}).
	 */
	private static final String OPEN_CASE = "a.status IN (" + ApplicationStatus.openLiterals() + ")";

	private static final String FROM_ALL = """
			FROM app.application a
			LEFT JOIN app.open_task t ON t.proc_inst_id_ = a.process_instance_id
			""";

	/**
	 * "All open cases" that have a task, from the task's side: ordered by a column of the
	 * task, a page walks the task's index and looks up each task's case by its process.
	 */
	private static final String FROM_ALL_TASKS = """
			FROM app.open_task t
			JOIN app.application a ON a.process_instance_id = t.proc_inst_id_
			""";

	/**
	 * Open cases without a task, each with its task's columns empty: the columns are
	 * those of a join to no task, and {@code NOT EXISTS} finds the cases (an anti-join
	 * PostgreSQL estimates well, where it expects none from an outer join's
	 * {@code IS NULL}).
	 */
	private static final String NO_TASK = """
			FROM app.application a
			LEFT JOIN app.open_task t ON false
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

	/**
	 * The open tasks of the cases, from the list's own table of them
	 * ({@code V29__open_tasks.sql}, kept by triggers with the engine's), where each task
	 * carries its case, its reference and its candidate groups: a queue in a task's order
	 * (due date, task) is one index of one table read from its start, its ties by the
	 * reference on the same row ({@link #reference(Sort, boolean)}).
	 */
	private static final String FROM_TASKS = """
			FROM app.open_task t
			JOIN app.application a ON a.id = t.application_id
			""";

	/** The open tasks without their cases: for a count that needs nothing of the case. */
	private static final String TASKS_ALONE = """
			FROM app.open_task t
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	TaskQueues(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * A page of the queue with the tabs' counts, for the task list page: the total and
	 * the three tabs counted as far as {@link #COUNT_CAP} and one more, in one statement.
	 * Whether a page follows is known from the rows themselves (one more is read), so no
	 * count has to reach a deep page.
	 */
	@Transactional(readOnly = true)
	public Page find(Actor actor, Query query) {
		Rows rows = read(actor, query);
		MapSqlParameterSource params = params(actor);
		String total = counted(query.queue(), query, params, "");
		List<String> counted = new java.util.ArrayList<>(List.of(total));
		for (Queue queue : Queue.TABS) {
			counted.add(counted(queue, null, params, ""));
		}
		List<Long> counts = countUpTo(counted, params, COUNT_CAP);
		Map<Queue, Long> tabs = new java.util.EnumMap<>(Queue.class);
		for (int i = 0; i < Queue.TABS.size(); i++) {
			tabs.put(Queue.TABS.get(i), counts.get(i + 1));
		}
		return new Page(rows.rows(), counts.get(0), counts.get(0) <= COUNT_CAP, tabs, rows.hasPrevious(),
				rows.hasNext());
	}

	/**
	 * A page of the queue and the number of its rows, for the API: exact up to
	 * {@link #COUNT_CAP} or, for a page asked for by its number, to the end of the next
	 * page, whichever is further, otherwise known only to be more.
	 */
	@Transactional(readOnly = true)
	public Slice rows(Actor actor, Query query) {
		long reach = query.position() == null ? Math.max(COUNT_CAP, ((long) query.page() + 2) * query.size())
				: COUNT_CAP;
		long total = countUpTo(actor, query.filters(), reach);
		Rows rows = read(actor, query);
		return new Slice(rows.rows(), total, total <= reach, rows.hasNext());
	}

	/**
	 * The rows of one page, in the list's order: the sort's column, then the reference,
	 * then the task; one row more is read to know whether the list goes on. Each order
	 * has an index ({@code V22__task_list_indexes.sql} for a case's orders,
	 * {@code V29__open_tasks.sql} for a task's), so a page walks one and stops. A page
	 * asked for by its number past the first is read by {@code OFFSET}, which grows with
	 * its depth.
	 */
	private Rows read(Actor actor, Query query) {
		if (query.position() != null) {
			return fromPosition(actor, query, query.position());
		}
		if (query.page() == 0) {
			// the first page is read from the start as the others from a cursor, by the
			// same indexes in the same order
			return fromPosition(actor, query, Position.first());
		}
		long offset = (long) query.page() * query.size();
		List<Row> rows = query.queue() == Queue.ALL && query.sort().onTask()
				? allOpenCasesByTask(actor, query, offset, query.size() + 1) : byOffset(actor, query, offset);
		boolean hasNext = rows.size() > query.size();
		return new Rows(hasNext ? rows.subList(0, query.size()) : rows, query.page() > 0, hasNext);
	}

	private List<Row> byOffset(Actor actor, Query query, long offset) {
		MapSqlParameterSource params = params(actor);
		if (query.queue() != Queue.ALL && query.sort().onTask()) {
			// the rows before the page are skipped on the open tasks alone, and only the
			// page's own joined to their cases: joined first, each skipped row cost a
			// look-up of its case
			String order = query.sort().orderBy(query.descending()) + ", t.reference_, t.id_";
			String page = "SELECT t.* " + fromWhere(query.queue(), TASKS_ALONE, params) + filters(query, params, true)
					+ " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
			params.addValue("limit", query.size() + 1).addValue("offset", offset);
			return jdbc
				.sql(COLUMNS + "FROM (" + page + ") t JOIN app.application a ON a.id = t.application_id ORDER BY "
						+ order)
				.paramSource(params)
				.query((rs, row) -> map(rs, clock.getZone()))
				.list();
		}
		boolean taskRows = query.queue() != Queue.ALL;
		String fromWhere = fewFirst(fromWhere(query.queue(), FROM_TASKS, params), query, taskRows)
				+ filters(query, params, taskRows);
		params.addValue("limit", query.size() + 1).addValue("offset", offset);
		return jdbc
			.sql(COLUMNS + fromWhere + " ORDER BY " + query.sort().orderBy(query.descending()) + ", "
					+ reference(query.sort(), true) + ", t.id_ LIMIT :limit OFFSET :offset")
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
	private List<Row> allOpenCasesByTask(Actor actor, Query query, long offset, int limit) {
		String column = query.sort().column;
		MapSqlParameterSource params = params(actor);
		String withColumn = fewFirst(FROM_ALL_TASKS, query, true) + " WHERE " + OPEN_CASE + " AND " + column
				+ " IS NOT NULL" + filters(query, params, true);
		params.addValue("limit", limit).addValue("offset", offset);
		List<Row> rows = new java.util.ArrayList<>(jdbc
			.sql(COLUMNS + withColumn + " ORDER BY " + column + (query.descending() ? " DESC" : " ASC") + ", "
					+ reference(query.sort(), true) + ", t.id_ LIMIT :limit OFFSET :offset")
			.paramSource(params)
			.query((rs, row) -> map(rs, clock.getZone()))
			.list());
		if (rows.size() == limit) {
			return rows;
		}
		// the page reaches the end of the first part: how many rows that part has, at
		// most the offset (when the page lies wholly past it), tells where the second
		// starts
		long first = rows.isEmpty() ? countUpTo(List.of("SELECT 1 " + withColumn), params, offset).get(0)
				: offset + rows.size();
		MapSqlParameterSource rest = params(actor);
		String withoutColumn = fewFirst(FROM_ALL, query, false) + " WHERE " + OPEN_CASE + " AND " + column + " IS NULL"
				+ filters(query, rest, false);
		rest.addValue("limit", limit - rows.size()).addValue("offset", Math.max(0, offset - first));
		rows.addAll(jdbc.sql(COLUMNS + withoutColumn + " ORDER BY a.reference, t.id_ LIMIT :limit OFFSET :offset")
			.paramSource(rest)
			.query((rs, row) -> map(rs, clock.getZone()))
			.list());
		return rows;
	}

	/**
	 * A page read from a position (keyset paging): the rows after or before a cursor, or
	 * the last ones. A sort column that may be empty splits the list in two parts, the
	 * rows with a value in the column's order and then those without by reference
	 * ({@code NULLS LAST}); each part is read by its index from the cursor on, and the
	 * second only if the first ends within the page. Backwards (the previous page, the
	 * last) the parts and each order are reversed, and the rows turned round again.
	 */
	private Rows fromPosition(Actor actor, Query query, Position position) {
		Cursor cursor = position.cursor();
		boolean backwards = position.before();
		boolean emptyCursor = cursor != null && cursor.value() == null && query.sort() != Sort.REFERENCE;
		int wanted = query.size() + 1;
		List<Row> rows = new java.util.ArrayList<>();
		boolean started = cursor == null;
		for (boolean withoutValue : backwards ? new boolean[] { true, false } : new boolean[] { false, true }) {
			if (withoutValue && query.sort() == Sort.REFERENCE) {
				continue;
			}
			if (!started && withoutValue != emptyCursor) {
				// the cursor lies in the other part, further on
				continue;
			}
			rows.addAll(part(actor, query, withoutValue, backwards, started ? null : cursor, wanted - rows.size()));
			started = true;
			if (rows.size() == wanted) {
				break;
			}
		}
		boolean more = rows.size() == wanted;
		List<Row> page = new java.util.ArrayList<>(more ? rows.subList(0, query.size()) : rows);
		if (backwards) {
			java.util.Collections.reverse(page);
			return new Rows(page, more, cursor != null);
		}
		return new Rows(page, cursor != null, more);
	}

	/**
	 * One part of a page read from a position: the rows with a value in the sorted column
	 * or those without, from the cursor on (when it lies in this part), in the list's
	 * order or backwards. The cursor's condition repeats the column's bound on its own
	 * ({@code column >= :value AND (...)}) so that the index scan starts there.
	 */
	private List<Row> part(Actor actor, Query query, boolean withoutValue, boolean backwards, Cursor cursor,
			int limit) {
		Sort sort = query.sort();
		MapSqlParameterSource params = params(actor);
		// the cursor's conditions; the filters' go before them, read from the task's row
		// or the case's as the part's rows are
		StringBuilder sql = new StringBuilder();
		// the tie-break (reference, task) runs ascending in the list, whatever the sort;
		// the reference is the task's own copy where every row of the part has a task
		// (not "all open cases" without a value, which holds the cases without one)
		String ref = reference(sort, !withoutValue || query.queue() != Queue.ALL);
		String tie = backwards ? "<" : ">";
		if (cursor != null) {
			params.addValue("cursorReference", cursor.reference());
			String ties;
			if (cursor.taskId() == null) {
				// a case without a task is the only row of its reference
				ties = ref + " " + tie + " :cursorReference";
			}
			else {
				params.addValue("cursorTask", cursor.taskId());
				ties = "(" + ref + " " + tie + " :cursorReference OR (" + ref + " = :cursorReference AND t.id_ " + tie
						+ " :cursorTask))";
			}
			if (withoutValue) {
				sql.append(" AND ").append(ref).append(' ').append(tie).append("= :cursorReference AND ").append(ties);
			}
			else {
				String beyond = backwards != query.descending() ? "<" : ">";
				params.addValue("cursorValue", cursor.parameter(sort));
				sql.append(" AND ")
					.append(sort.column)
					.append(' ')
					.append(beyond)
					.append("= :cursorValue AND (")
					.append(sort.column)
					.append(' ')
					.append(beyond)
					.append(" :cursorValue OR (")
					.append(sort.column)
					.append(" = :cursorValue AND ")
					.append(ties)
					.append("))");
			}
		}
		String reference = backwards ? ref + " DESC, t.id_ DESC" : ref + " ASC, t.id_ ASC";
		params.addValue("limit", limit);
		boolean allByTask = query.queue() == Queue.ALL && sort.onTask();
		if (allByTask && withoutValue) {
			// the open cases without a value in the task's column: the tasks without one,
			// and the cases without a task, as an anti-join (their task's columns all
			// empty: joined to no task). Said as one outer join with
			// "IS NULL" on the task's column, PostgreSQL expects next to none of them and
			// joins every case to every task by hash (1,350 ms for the last page at
			// 100,000); as two parts each walks its index and stops.
			String conditions = sql.toString();
			String withoutColumn = COLUMNS + fewFirst(FROM_ALL_TASKS, query, true) + " WHERE " + OPEN_CASE + " AND "
					+ sort.column + " IS NULL" + filters(query, params, true) + conditions + " ORDER BY " + reference
					+ " LIMIT :limit";
			String withoutTask = COLUMNS + fewFirst(NO_TASK, query, false) + " WHERE " + OPEN_CASE + " AND NOT EXISTS "
					+ "(SELECT 1 FROM app.open_task x WHERE x.proc_inst_id_ = a.process_instance_id)"
					+ filters(query, params, false) + conditions + " ORDER BY " + reference + " LIMIT :limit";
			String order = backwards ? "reference DESC, task_id DESC" : "reference ASC, task_id ASC";
			return jdbc
				.sql("SELECT * FROM ((" + withoutColumn + ") UNION ALL (" + withoutTask + ")) part ORDER BY " + order
						+ " LIMIT :limit")
				.paramSource(params)
				.query((rs, row) -> map(rs, clock.getZone()))
				.list();
		}
		String from = allByTask ? FROM_ALL_TASKS + " WHERE " + OPEN_CASE : fromWhere(query.queue(), FROM_TASKS, params);
		boolean taskRows = allByTask || query.queue() != Queue.ALL;
		sql.insert(0, filters(query, params, taskRows));
		if (sort != Sort.REFERENCE) {
			sql.insert(0, " AND " + sort.column + (withoutValue ? " IS NULL" : " IS NOT NULL"));
		}
		sql.insert(0, COLUMNS + fewFirst(from, query, taskRows));
		sql.append(" ORDER BY ");
		if (!withoutValue && sort.onTask()) {
			// this part has no empty value, so where they would go does not matter: said
			// as PostgreSQL's default, either way is the task's one index read forwards
			// or
			// backwards
			sql.append(sort.column).append(query.descending() != backwards ? " DESC, " : " ASC, ");
		}
		else if (!withoutValue) {
			sql.append(sort.orderBy(query.descending() != backwards, backwards)).append(", ");
		}
		sql.append(reference).append(" LIMIT :limit");
		return jdbc.sql(sql.toString()).paramSource(params).query((rs, row) -> map(rs, clock.getZone())).list();
	}

	/**
	 * The number of rows in each queue, unfiltered, for the queue tabs: counted as far as
	 * {@link #COUNT_CAP} and one more, which the page shows as "100+".
	 */
	@Transactional(readOnly = true)
	public Map<Queue, Long> counts(Actor actor) {
		MapSqlParameterSource params = params(actor);
		List<String> counted = Queue.TABS.stream().map(queue -> counted(queue, null, params, "")).toList();
		List<Long> counts = countUpTo(counted, params, COUNT_CAP);
		Map<Queue, Long> tabs = new java.util.EnumMap<>(Queue.class);
		for (int i = 0; i < Queue.TABS.size(); i++) {
			tabs.put(Queue.TABS.get(i), counts.get(i));
		}
		return tabs;
	}

	/**
	 * The number of rows each saved view would list, as far as {@link #COUNT_CAP} and one
	 * more: the same FROM and WHERE as its page, so a view's tab and its list cannot
	 * disagree. All in one statement: the list counts the reader's views on every page,
	 * and a round trip a view grew with the views.
	 */
	@Transactional(readOnly = true)
	public List<Long> count(Actor actor, List<Filters> views) {
		if (views.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource params = params(actor);
		List<String> counted = new java.util.ArrayList<>();
		for (int i = 0; i < views.size(); i++) {
			Filters view = views.get(i);
			counted.add(counted(view.queue(), view.page(0, 1), params, "_" + i));
		}
		return countUpTo(counted, params, COUNT_CAP);
	}

	/** The rows the filters list, counted as far as {@code limit} and one more. */
	private long countUpTo(Actor actor, Filters filters, long limit) {
		MapSqlParameterSource params = params(actor);
		return countUpTo(List.of(counted(filters.queue(), filters.page(0, 1), params, "")), params, limit).get(0);
	}

	/**
	 * The rows of each query, counted as far as {@code limit} and one more, in one
	 * statement: counts that stop early, where {@code count(*)} would read the whole
	 * queue, and one round trip for the page's total and its tabs.
	 */
	private List<Long> countUpTo(List<String> selects, MapSqlParameterSource params, long limit) {
		MapSqlParameterSource bounded = new MapSqlParameterSource(params.getValues()).addValue("countLimit", limit + 1);
		String columns = selects.stream()
			.map(select -> "(SELECT count(*) FROM (" + select + " LIMIT :countLimit) counted)")
			.collect(Collectors.joining(", "));
		return jdbc.sql("SELECT " + columns).paramSource(bounded).query((rs, row) -> {
			List<Long> counts = new java.util.ArrayList<>();
			for (int i = 1; i <= selects.size(); i++) {
				counts.add(rs.getLong(i));
			}
			return counts;
		}).single();
	}

	private MapSqlParameterSource params(Actor actor) {
		Set<String> groups = actor.groups().stream().map(Group::id).collect(Collectors.toSet());
		// the groups are written into the statements, not bound (candidateGroups)
		return new MapSqlParameterSource().addValue("user", actor.username())
			.addValue("groups", groups.isEmpty() ? List.of("-") : groups)
			.addValue("now", Timestamp.from(clock.instant()))
			// a follow-up date is the start of its day: one after today's keeps the task
			// out of the reviewer's own queue until that day
			.addValue("tomorrow", Timestamp
				.from(java.time.LocalDate.now(clock).plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
	}

	/**
	 * The rows a count reads: the queue's FROM and WHERE with the filters' conditions
	 * ({@code query} null for none), named with {@code key}. A queue of tasks is counted
	 * on the open tasks alone, whose rows carry what the filters ask of the case: joined
	 * to the case, each counted row cost a look-up (the tabs' counts on every page, and
	 * the API's count of the pages before a deep one).
	 */
	private static String counted(Queue queue, Query query, MapSqlParameterSource params, String key) {
		return "SELECT 1 " + fromWhere(queue, TASKS_ALONE, params)
				+ (query == null ? "" : filters(query, params, key, queue != Queue.ALL));
	}

	/**
	 * The queue's FROM and WHERE, a queue of tasks read from {@code tasks}: the open
	 * tasks with their cases, or alone.
	 */
	private static String fromWhere(Queue queue, String tasks, MapSqlParameterSource params) {
		return switch (queue) {
			case MINE -> tasks + " WHERE t.assignee_ = :user AND " + NOT_FOLLOWED_UP_LATER;
			case GROUPS -> tasks + " WHERE t.assignee_ IS NULL AND t.candidate_groups_ && " + candidateGroups(params);
			case WORKABLE -> tasks + " WHERE ((t.assignee_ = :user AND " + NOT_FOLLOWED_UP_LATER + ")"
					+ " OR (t.assignee_ IS NULL AND t.candidate_groups_ && " + candidateGroups(params) + "))";
			case ALL -> FROM_ALL + " WHERE " + OPEN_CASE;
		};
	}

	/**
	 * The reader's groups ({@link #params}) as an array literal written into the
	 * statement, not bound: a group's unassigned tasks have a partial index of their own
	 * in the list's order ({@code V36__open_tasks_by_group.sql}), which PostgreSQL uses
	 * only where it can prove the statement's condition implies the index's, and a
	 * generic plan of a bound array proves nothing. The ids are {@link Group}'s own.
	 */
	static String candidateGroups(MapSqlParameterSource params) {
		@SuppressWarnings("unchecked")
		Collection<String> groups = (Collection<String>) params.getValue("groups");
		return groups.stream()
			.sorted()
			.map(group -> "'" + group.replace("'", "''") + "'")
			.collect(Collectors.joining(", ", "CAST(ARRAY[", "] AS varchar[])"));
	}

	/**
	 * The FROM of a list filtered to the escalated cases, which are few (one in fifty in
	 * the benchmark) and have their own partial index ({@code application_escalated},
	 * V22): the list starts from them and sorts what it finds. Left to itself PostgreSQL
	 * walks the order's index and looks up the case of each task until a page is full,
	 * which at 100,000 open cases read 12,000 tasks for 25 rows; {@code OFFSET 0} keeps
	 * it from pulling the subquery up into that plan.
	 */
	private static String fewFirst(String from, Query query, boolean taskRows) {
		if (!query.escalated() || (taskRows && query.sort().onTask())) {
			// a task's order, its rows each a task: the escalated tasks have their own
			// index in the list's default order ({@code open_task_escalated_by_due}, V30)
			return from;
		}
		return from.replace("app.application a", """
				(SELECT id, reference, token_name, token_symbol, issuer_name, jurisdiction, status, submitted_at,
				        escalated_at, process_instance_id
				 FROM app.application WHERE escalated_at IS NOT NULL OFFSET 0) a""");
	}

	/**
	 * The case's reference as a tie-break of the order: on a row that has a task and in a
	 * task's order (due date, task), the task's own copy of it, so that the order is one
	 * index of the open tasks ({@code open_task_by_due}, {@code open_task_by_name}); in a
	 * case's order, the case's, for the case's indexes. The two are the same value, so a
	 * cursor written in one is read in the other.
	 */
	private static String reference(Sort sort, boolean taskRow) {
		return taskRow && sort.onTask() ? "t.reference_" : "a.reference";
	}

	/** A task without a follow-up date, or one due today or before. */
	private static final String NOT_FOLLOWED_UP_LATER = "(t.follow_up_date_ IS NULL OR t.follow_up_date_ < :tomorrow)";

	private static String filters(Query query, MapSqlParameterSource params, boolean taskRows) {
		return filters(query, params, "", taskRows);
	}

	/**
	 * The filters' conditions, their parameters named with {@code key} after them, so
	 * that several lists' conditions can stand in one statement. Where every row is a
	 * task ({@code taskRows}), what they ask of the case is read from the task's row
	 * ({@code V30__open_task_case_filters.sql}), so that the open tasks' own indexes
	 * serve them; where a row may be a case without a task, from the case.
	 */
	private static String filters(Query query, MapSqlParameterSource params, String key, boolean taskRows) {
		StringBuilder where = new StringBuilder();
		if (query.taskKey() != null && !query.taskKey().isBlank()) {
			where.append(" AND t.task_def_key_ = :task").append(key);
			params.addValue("task" + key, query.taskKey());
		}
		if (query.jurisdiction() != null && !query.jurisdiction().isBlank()) {
			where.append(taskRows ? " AND t.jurisdiction = :jurisdiction" : " AND a.jurisdiction = :jurisdiction")
				.append(key);
			params.addValue("jurisdiction" + key, query.jurisdiction().strip().toUpperCase(java.util.Locale.ROOT));
		}
		if (query.flagged()) {
			where.append(taskRows ? " AND t.flagged"
					: " AND EXISTS (SELECT 1 FROM app.case_flag f WHERE f.application_id = a.id AND f.overruled_by IS NULL)");
		}
		if (query.overdue()) {
			where.append(" AND t.due_date_ < :now");
		}
		if (query.escalated()) {
			where.append(taskRows ? " AND t.escalated" : " AND a.escalated_at IS NOT NULL");
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
