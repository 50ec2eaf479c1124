package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.CaseClock;
import jp.tobira.process.OpenCasesInBulk;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;

/**
 * The task list with 5,000 open cases in the database: the cases, their engine tasks and
 * candidate groups are inserted in one transaction, the queues are read inside it as a
 * page request reads them (the queue query, its counts, and the page's statutory clocks),
 * then the whole page is requested as a logged-in reviewer's browser would (security
 * filters, controller, Thymeleaf; MockMvc runs in the test's thread, so it sees the
 * uncommitted cases), and everything is rolled back. The figures are printed for
 * BENCHMARKS.md; the assertion is deliberately generous (a second), the figure is what
 * matters.
 */
@TobiraIntegrationTest
class TaskListLoadIntegrationTests {

	static final int CASES = 5000;

	@Autowired
	TaskQueues queues;

	@Autowired
	CaseClock caseClock;

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

	UserDetails backingUser;

	@BeforeEach
	void browserSession() {
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		backingUser = users.loadUserByUsername("backing");
	}

	@Test
	void answersWithFiveThousandOpenCasesWellUnderASecond() {
		Actor backing = new Actor("backing", Set.of(Group.BACKING_REVIEW), null);
		Map<String, Long> medians = new LinkedHashMap<>();
		Map<String, Long> cold = new LinkedHashMap<>();
		transactions.executeWithoutResult(tx -> {
			insertOpenCases(organisations.findByName("Example Trust Company, LLC").orElseThrow());
			medians.put("groups queue, page 1 by due date",
					median(() -> page(backing, query(TaskQueues.Queue.GROUPS, false, false))));
			medians.put("all open cases, page 1",
					median(() -> page(backing, query(TaskQueues.Queue.ALL, false, false))));
			medians.put("groups queue, flagged and overdue",
					median(() -> page(backing, query(TaskQueues.Queue.GROUPS, true, true))));
			medians.put("groups queue, page 100",
					median(() -> page(backing, new TaskQueues.Query(TaskQueues.Queue.GROUPS, null, null, false, false,
							false, TaskQueues.Sort.DUE, false, 99, 25))));
			medians.put("my tasks (500 claimed)",
					median(() -> page(backing, query(TaskQueues.Queue.MINE, false, false))));
			// the whole page request as the browser makes it: security filters,
			// controller, queries, Thymeleaf
			List<String> paths = List.of("/tasks", "/tasks?queue=MINE", "/tasks?queue=ALL",
					"/tasks?queue=GROUPS&flagged=true&overdue=true",
					"/tasks?queue=GROUPS&jurisdiction=SG&sort=REFERENCE&desc=true",
					"/tasks?queue=GROUPS&sort=TOKEN&page=99", "/tasks?queue=ALL&task=reviewBacking&sort=JURISDICTION");
			// the first page request (the first of the run when this test runs alone)
			// compiles the template and warms the
			// JIT: shown apart, not in the medians
			long first = System.nanoTime();
			request(paths.get(0));
			cold.put("GET " + paths.get(0), (System.nanoTime() - first) / 1_000_000);
			paths.forEach(this::request);
			for (String path : paths) {
				medians.put("GET " + path, median(() -> request(path)));
			}
			tx.setRollbackOnly();
		});
		medians.forEach((what, millis) -> System.out.printf("TASK LIST with %d open cases: %-75s median %4d ms%n",
				CASES, what, millis));
		cold.forEach((what, millis) -> System.out.printf("TASK LIST with %d open cases: %-75s first  %4d ms%n", CASES,
				what + " (cold: template compiled, JIT)", millis));
		// no bound on the figures: they measure the machine as much as the code, and a
		// test run shares it (issue 15's benchmark is where speed is judged)
		assertThat(medians).isNotEmpty();
		assertThat(cold).isNotEmpty();
	}

	private static TaskQueues.Query query(TaskQueues.Queue queue, boolean flagged, boolean overdue) {
		return new TaskQueues.Query(queue, null, null, flagged, overdue, false, TaskQueues.Sort.DUE, false, 0, 25);
	}

	/** What the task list page does against the database for one request. */
	private int page(Actor actor, TaskQueues.Query query) {
		TaskQueues.Page page = queues.find(actor, query);
		Map<ApplicationId, java.time.Instant> submitted = new LinkedHashMap<>();
		page.rows().forEach(row -> submitted.put(new ApplicationId(row.applicationId()), row.submittedAt()));
		caseClock.readOpen(submitted);
		assertThat(page.total()).isGreaterThan(0);
		return page.rows().size();
	}

	/**
	 * One page request of a logged-in reviewer, rendered; answers the length of the page.
	 */
	private int request(String path) {
		try {
			MvcResult result = mvc.perform(get(path).with(user(backingUser))).andReturn();
			assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
			String html = result.getResponse().getContentAsString();
			assertThat(html).as(path).contains("EQ-2098-");
			return html.length();
		}
		catch (Exception ex) {
			throw new IllegalStateException(path, ex);
		}
	}

	/**
	 * The median of nine runs, after three to warm up (the first page request also
	 * compiles the template).
	 */
	private static long median(Supplier<Integer> request) {
		for (int i = 0; i < 3; i++) {
			request.get();
		}
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			long start = System.nanoTime();
			request.get();
			times.add((System.nanoTime() - start) / 1_000_000);
		}
		times.sort(Long::compare);
		return times.get(times.size() / 2);
	}

	private void insertOpenCases(UUID organisation) {
		new OpenCasesInBulk("load", 2098, 90, 10, 80).insert(jdbc, organisation, List.of("US", "SG", "CH", "GB"),
				CASES);
		jdbc.update(
				"UPDATE public.act_ru_task SET assignee_ = 'backing' WHERE id_ LIKE 'load-task-%' AND right(id_, 1) = '0'");
		jdbc.update("""
				INSERT INTO app.case_flag (application_id, flag, rule, advice, raised_at)
				SELECT id, 'STALE_AUDIT', 'PS-4 audit age', 'load', now() FROM app.application
				WHERE reference LIKE 'EQ-2098-%' AND right(reference, 1) IN ('3', '7')
				""");
		jdbc.execute("ANALYZE app.application");
		jdbc.execute("ANALYZE app.case_flag");
		jdbc.execute("ANALYZE public.act_ru_execution");
		jdbc.execute("ANALYZE public.act_ru_task");
		jdbc.execute("ANALYZE public.act_ru_identitylink");
	}

}
