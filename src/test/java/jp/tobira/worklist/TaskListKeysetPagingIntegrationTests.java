package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.process.OpenCasesInBulk;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;
import jp.tobira.validation.InvalidInput;
import jp.tobira.worklist.TaskQueues.Cursor;
import jp.tobira.worklist.TaskQueues.Filters;
import jp.tobira.worklist.TaskQueues.Page;
import jp.tobira.worklist.TaskQueues.Position;
import jp.tobira.worklist.TaskQueues.Queue;
import jp.tobira.worklist.TaskQueues.Row;
import jp.tobira.worklist.TaskQueues.Sort;

/**
 * Keyset paging of the task list (issue 15): a page read after the last row of the one
 * before, or before the first row of the one after, or from the end, lists the same rows
 * in the same order as the list read in one piece, each once, whatever the order, its
 * direction, the ties in the sorted column and the rows without a value in it. The cases
 * are written in SQL (a made-up jurisdiction) inside a transaction that is rolled back.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskListKeysetPagingIntegrationTests {

	private static final String JURISDICTION = "QK";

	private static final int SIZE = 7;

	@Autowired
	TaskQueues queues;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Organisations organisations;

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	MockMvc mvc;

	private final Actor backing = new Actor("backing", Set.of(Group.BACKING_REVIEW), null);

	@BeforeAll
	void setUp() {
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@Test
	void readsEveryRowOnceInTheListsOrderForwardsAndBackwardsInEveryOrder() {
		withCases(60, () -> {
			for (Queue queue : List.of(Queue.ALL, Queue.GROUPS)) {
				for (Sort sort : Sort.values()) {
					for (boolean descending : new boolean[] { false, true }) {
						Filters filters = new Filters(queue, null, JURISDICTION, false, false, false, sort, descending);
						String as = queue + " by " + sort + (descending ? " descending" : "");
						List<String> whole = inTheListsOrder(queues.find(backing, filters.page(0, 1000)).rows(), sort,
								descending);
						assertThat(whole).as(as).hasSizeGreaterThan(50).doesNotHaveDuplicates();

						List<String> forwards = new ArrayList<>();
						Page page = queues.find(backing, filters.page(0, SIZE));
						forwards.addAll(keys(page.rows()));
						assertThat(page.hasPrevious()).as(as).isFalse();
						while (page.hasNext()) {
							Cursor last = Cursor.of(sort, page.rows().get(page.rows().size() - 1));
							page = queues.find(backing, filters.page(0, SIZE).from(Position.after(last)));
							assertThat(page.hasPrevious()).as(as).isTrue();
							forwards.addAll(keys(page.rows()));
						}
						assertThat(forwards).as(as + ", next after next").isEqualTo(whole);

						List<String> backwards = new ArrayList<>();
						page = queues.find(backing, filters.page(0, SIZE).from(Position.last()));
						assertThat(page.hasNext()).as(as).isFalse();
						assertThat(keys(page.rows())).as(as + ", the last page")
							.isEqualTo(whole.subList(whole.size() - SIZE, whole.size()));
						backwards.addAll(0, keys(page.rows()));
						while (page.hasPrevious()) {
							Cursor first = Cursor.of(sort, page.rows().get(0));
							page = queues.find(backing, filters.page(0, SIZE).from(Position.before(first)));
							assertThat(page.hasNext()).as(as).isTrue();
							backwards.addAll(0, keys(page.rows()));
						}
						assertThat(backwards).as(as + ", previous before previous from the last").isEqualTo(whole);
					}
				}
			}
		});
	}

	@Test
	void theLastLinkOfAListCountedOnlySoFarLeadsToItsTrueLastPage() {
		int cases = TaskQueues.COUNT_CAP + 40;
		withCases(cases, () -> {
			String list = "/tasks?queue=ALL&jurisdiction=" + JURISDICTION + "&sort=REFERENCE";
			String first = html(list + "&lang=en");
			assertThat(first).contains("more than " + TaskQueues.COUNT_CAP + " row(s)");
			String last = href(first, "aria-label=\"Last page\"");
			assertThat(last).contains("last=true").doesNotContain("page=");

			String lastPage = html(last + "&lang=en");
			assertThat(references(lastPage)).hasSize(25).startsWith(reference(cases - 24)).endsWith(reference(cases));
			assertThat(lastPage).doesNotContain("aria-label=\"Next page\"", "aria-label=\"Last page\"")
				.contains("aria-label=\"First page\"");

			String previous = html(href(lastPage, "rel=\"prev\"") + "&lang=en");
			assertThat(references(previous)).hasSize(25)
				.startsWith(reference(cases - 49))
				.endsWith(reference(cases - 25));

			String second = html(href(first, "rel=\"next\"") + "&lang=en");
			assertThat(references(second)).as("case 5 has two tasks").startsWith("EQ-2089-000025");
			assertThat(second).contains("aria-label=\"Page 2\" aria-current=\"page\"");
		});
	}

	@Test
	void theApiLinksItsNextPageUntilTheLast() {
		withCases(60, () -> {
			List<String> byNumber = new ArrayList<>();
			for (int page = 0;; page++) {
				List<String> ids = taskIds(body(api("/api/v1/tasks?size=50&page=" + page)));
				byNumber.addAll(ids);
				if (ids.size() < 50) {
					break;
				}
			}
			List<String> byLink = new ArrayList<>();
			String next = "/api/v1/tasks?size=9";
			while (next != null) {
				MvcResult answer = api(next);
				byLink.addAll(taskIds(body(answer)));
				String link = answer.getResponse().getHeader("Link");
				next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
				if (link != null) {
					assertThat(link).endsWith("; rel=\"next\"");
				}
			}
			assertThat(byLink).isEqualTo(byNumber).hasSizeGreaterThan(50);
		});
	}

	@Test
	void refusesACursorItDidNotWrite() {
		assertThat(org.assertj.core.api.Assertions
			.catchThrowableOfType(() -> Cursor.decode("after", "not a cursor!", Sort.DUE), InvalidInput.class)
			.problems()).extracting(problem -> problem.field()).containsExactly("after");
		String notAnInstant = new Cursor("yesterday", "EQ-2089-000001", null).encoded();
		assertThat(org.assertj.core.api.Assertions
			.catchThrowableOfType(() -> Cursor.decode("before", notAnInstant, Sort.DUE), InvalidInput.class))
			.isNotNull();
		Cursor cursor = new Cursor(null, "EQ-2089-000001", "t-1");
		assertThat(Cursor.decode("after", cursor.encoded(), Sort.TOKEN)).isEqualTo(cursor);
		Cursor withText = new Cursor("a=b\u00e9-", "EQ-2089-000002", null);
		assertThat(Cursor.decode("after", withText.encoded(), Sort.TOKEN)).isEqualTo(withText);
	}

	/**
	 * {@code count} open cases in review in the made-up jurisdiction, with ties and gaps
	 * in every column: a third share one token name and every tenth has none, every
	 * eleventh task has no due date, every thirteenth case waits for the issuer (no
	 * task), and case 5 has a second task; then the check, and the rollback.
	 */
	private void withCases(int count, Runnable check) {
		transactions.executeWithoutResult(tx -> {
			try {
				new OpenCasesInBulk("keyset", 2089, 9, 3, 4).insert(jdbc,
						organisations.findByName("Example Trust Company, LLC").orElseThrow(), List.of(JURISDICTION),
						count);
				jdbc.update("UPDATE app.application SET token_name = CASE WHEN right(reference, 6)::int % 10 = 0 "
						+ "THEN NULL ELSE 'Same Token' END, issuer_name = 'Same Issuer' "
						+ "WHERE reference LIKE 'EQ-2089-%' AND right(reference, 6)::int % 3 <> 1");
				jdbc.update("UPDATE public.act_ru_task SET due_date_ = NULL WHERE id_ LIKE 'keyset-task-%' "
						+ "AND substring(id_ from 13)::int % 11 = 0");
				jdbc.update("DELETE FROM public.act_ru_identitylink WHERE task_id_ IN (SELECT id_ FROM "
						+ "public.act_ru_task WHERE id_ LIKE 'keyset-task-%' AND substring(id_ from 13)::int % 13 = 0)");
				jdbc.update("DELETE FROM public.act_ru_task WHERE id_ LIKE 'keyset-task-%' "
						+ "AND substring(id_ from 13)::int % 13 = 0");
				jdbc.update("""
						INSERT INTO public.act_ru_task (id_, rev_, proc_inst_id_, name_, task_def_key_, due_date_,
						    create_time_, suspension_state_, priority_)
						SELECT 'keyset-task-5b', 1, proc_inst_id_, name_, task_def_key_, due_date_, create_time_, 1, 50
						FROM public.act_ru_task WHERE id_ = 'keyset-task-5'
						""");
				jdbc.update("INSERT INTO public.act_ru_identitylink (id_, rev_, group_id_, type_, task_id_) "
						+ "VALUES ('keyset-link-5b', 1, 'backing-review', 'candidate', 'keyset-task-5b')");
				check.run();
			}
			catch (Exception ex) {
				throw ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
			}
			finally {
				tx.setRollbackOnly();
			}
		});
	}

	/**
	 * The rows in the list's order worked out here, not by the database: the sorted
	 * column with the empty values last either way, then the reference, then the task
	 * (the test's values compare alike in Java and in the database's collation).
	 */
	private static List<String> inTheListsOrder(List<Row> rows, Sort sort, boolean descending) {
		java.util.function.Function<Row, Comparable<?>> column = switch (sort) {
			case DUE -> Row::due;
			case REFERENCE -> Row::reference;
			case TOKEN -> Row::tokenName;
			case ISSUER -> Row::issuerName;
			case JURISDICTION -> Row::jurisdiction;
			case TASK -> Row::taskName;
			case SUBMITTED -> Row::submittedAt;
		};
		java.util.Comparator<Comparable<Object>> values = descending ? java.util.Comparator.reverseOrder()
				: java.util.Comparator.naturalOrder();
		@SuppressWarnings("unchecked")
		java.util.Comparator<Row> byColumn = java.util.Comparator
			.comparing((Row row) -> (Comparable<Object>) column.apply(row), java.util.Comparator.nullsLast(values));
		java.util.Comparator<Row> order = byColumn.thenComparing(Row::reference)
			.thenComparing(Row::taskId, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
		return keys(rows.stream().sorted(order).toList());
	}

	private static String reference(int i) {
		return String.format("EQ-2089-%06d", i);
	}

	private static String body(MvcResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> keys(List<Row> rows) {
		return rows.stream().map(row -> row.reference() + "/" + row.taskId()).toList();
	}

	private String html(String path) {
		try {
			MvcResult result = mvc.perform(get(path).with(user(users.loadUserByUsername("backing")))).andReturn();
			assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
			return result.getResponse().getContentAsString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private MvcResult api(String path) {
		try {
			MvcResult result = mvc.perform(get(path).with(user(users.loadUserByUsername("backing")))).andReturn();
			assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
			return result;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The href of the pagination link that carries this attribute. */
	private static String href(String html, String attribute) {
		Matcher link = Pattern.compile("<a href=\"([^\"]+)\"[^>]*" + Pattern.quote(attribute)).matcher(html);
		assertThat(link.find()).as("a link with " + attribute).isTrue();
		return link.group(1).replace("&amp;", "&");
	}

	private static List<String> references(String html) {
		List<String> references = new ArrayList<>();
		Matcher reference = Pattern.compile(">(EQ-2089-\\d{6})</a>").matcher(html);
		while (reference.find()) {
			references.add(reference.group(1));
		}
		return references;
	}

	private static List<String> taskIds(String json) {
		List<String> ids = new ArrayList<>();
		Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
		while (id.find()) {
			ids.add(id.group(1));
		}
		return ids;
	}

}
