package jp.tobira.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.CaseClock;
import jp.tobira.application.ClockReading;
import jp.tobira.application.Stage;
import jp.tobira.process.OpenCasesInBulk;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;
import jp.tobira.worklist.TaskQueues;

/**
 * More open cases than one statement may have bind parameters (PostgreSQL's protocol
 * allows 65,535): the dashboard once bound every open case's id and answered 500 past
 * that (issue 15). 70,000 cases in review, each with a task for the backing reviewers,
 * are written in SQL in one transaction ({@link OpenCasesInBulk}), some with answered and
 * some with open requests for information; the dashboard, the task list and the task API
 * are requested as a signed-in user's browser would, and everything is rolled back. The
 * cases are written once for the class, in a transaction held open from before the first
 * test to after the last and then rolled back (writing them is most of the time the class
 * takes, in CI's twenty minutes); the tests and the requests, served in the test's own
 * thread by MockMvc, run inside it.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoreOpenCasesThanParametersIntegrationTests {

	static final int CASES = 70_000;

	@Autowired
	CaseStatistics statistics;

	@Autowired
	CaseClock caseClock;

	@Autowired
	TaskQueues queues;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Organisations organisations;

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserDetailsService users;

	final Actor backing = new Actor("backing", Set.of(Group.BACKING_REVIEW), null);

	/** The transaction the cases are written in, rolled back after the last test. */
	TransactionStatus seeded;

	long inReviewBefore;

	long agedBefore;

	Map<TaskQueues.Queue, Long> countsBefore;

	long workableBefore;

	@BeforeAll
	void writeTheOpenCasesOnce() {
		seeded = transactionManager.getTransaction(new DefaultTransactionDefinition());
		try {
			CaseStatistics.Figures before = statistics.figures();
			inReviewBefore = before.openByStage().get(Stage.REVIEW);
			agedBefore = aged(before);
			countsBefore = queues.counts(backing);
			workableBefore = queues.rows(backing, workable()).total();

			long seeding = System.nanoTime();
			insertOpenCases();
			System.out.printf("PAST THE PARAMETER LIMIT: %,d open cases written in %d ms%n", CASES,
					(System.nanoTime() - seeding) / 1_000_000);
		}
		catch (RuntimeException ex) {
			rollBack();
			throw ex;
		}
	}

	@AfterAll
	void rollBack() {
		if (seeded != null && !seeded.isCompleted()) {
			transactionManager.rollback(seeded);
		}
	}

	@Test
	void theDashboardTheTaskListAndTheTaskApiAnswerWithMoreOpenCasesThanAStatementHasParameters() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		long start = System.nanoTime();
		MvcResult dashboard = mvc.perform(get("/dashboard").with(user(users.loadUserByUsername("admin")))).andReturn();
		System.out.printf("PAST THE PARAMETER LIMIT: GET /dashboard %d ms%n", (System.nanoTime() - start) / 1_000_000);
		assertThat(dashboard.getResponse().getStatus()).isEqualTo(200);
		CaseStatistics.Figures figures = (CaseStatistics.Figures) dashboard.getModelAndView().getModel().get("figures");
		assertThat(figures.openByStage().get(Stage.REVIEW)).isEqualTo(inReviewBefore + CASES);
		assertThat(aged(figures)).isEqualTo(agedBefore + CASES);

		start = System.nanoTime();
		MvcResult groups = mvc.perform(get("/tasks?queue=GROUPS").with(user(users.loadUserByUsername("backing"))))
			.andReturn();
		System.out.printf("PAST THE PARAMETER LIMIT: GET /tasks?queue=GROUPS %d ms%n",
				(System.nanoTime() - start) / 1_000_000);
		assertThat(groups.getResponse().getStatus()).isEqualTo(200);
		TaskQueues.Page page = (TaskQueues.Page) groups.getModelAndView().getModel().get("result");
		// the page counts its queue and tabs only as far as it shows them (issue 15):
		// past
		// the cap a tab reads "100+", and the total reaches past the linked pages
		assertThat(page.totalExact()).isFalse();
		assertThat(page.total()).isEqualTo(TaskQueues.COUNT_CAP + 1L);
		assertThat(page.counts()).containsEntry(TaskQueues.Queue.GROUPS, TaskQueues.COUNT_CAP + 1L)
			.containsEntry(TaskQueues.Queue.ALL, TaskQueues.COUNT_CAP + 1L)
			.containsEntry(TaskQueues.Queue.MINE,
					Math.min(countsBefore.get(TaskQueues.Queue.MINE), TaskQueues.COUNT_CAP + 1L));
		assertThat(page.rows()).hasSize(25);

		MvcResult all = mvc.perform(get("/tasks?queue=ALL&page=2000").with(user(users.loadUserByUsername("backing"))))
			.andReturn();
		assertThat(all.getResponse().getStatus()).isEqualTo(200);

		MvcResult api = mvc.perform(get("/api/v1/tasks").with(user(users.loadUserByUsername("backing")))).andReturn();
		assertThat(api.getResponse().getStatus()).isEqualTo(200);
		// counted as far as the cap (and one more), as the page counts
		assertThat(workableBefore + CASES).isGreaterThan(TaskQueues.COUNT_CAP);
		assertThat(api.getResponse().getHeader("X-Total-Count")).isNull();
		assertThat(api.getResponse().getHeader("X-Total-Count-At-Least"))
			.isEqualTo(String.valueOf(TaskQueues.COUNT_CAP + 1));
	}

	/**
	 * The dashboard counts the open cases by their clock's day in groups (same submission
	 * day, same requests' days); the count must be the one each case's own clock gives,
	 * and the stages counted in the same pass those of the cases one by one.
	 */
	@Test
	void openCasesCountedByTheirClocksDayAsEachCasesOwnClockReadsIt() {
		Map<ApplicationId, Instant> submitted = new LinkedHashMap<>();
		jdbc.query("SELECT id, submitted_at FROM app.application WHERE status IN ('SUBMITTED', 'IN_REVIEW', "
				+ "'AWAITING_ISSUER') AND submitted_at IS NOT NULL", rs -> {
					submitted.put(new ApplicationId(rs.getObject(1, UUID.class)), rs.getTimestamp(2).toInstant());
				});
		Map<Integer, Long> oneByOne = new TreeMap<>();
		for (ClockReading reading : caseClock.readOpen(submitted).values()) {
			oneByOne.merge(reading.day(), 1L, Long::sum);
		}
		assertThat(oneByOne.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(CASES);
		assertThat(oneByOne.keySet()).as("the cases stand on many different days").hasSizeGreaterThan(50);

		CaseClock.OpenCases open = caseClock.openCases();
		assertThat(open.byDay()).isEqualTo(oneByOne);
		Map<Stage, Long> byStage = new TreeMap<>();
		jdbc.query("SELECT stage FROM app.application WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER')",
				rs -> {
					byStage.merge(Stage.valueOf(rs.getString(1)), 1L, Long::sum);
				});
		assertThat(open.byStage()).isEqualTo(byStage);
	}

	private static TaskQueues.Query workable() {
		return new TaskQueues.Query(TaskQueues.Queue.WORKABLE, null, null, false, false, false, TaskQueues.Sort.DUE,
				false, 0, 1);
	}

	private static long aged(CaseStatistics.Figures figures) {
		return figures.ageing().stream().mapToLong(CaseStatistics.AgeBucket::cases).sum();
	}

	/**
	 * The cases, submitted over the last 200 days; every fifth with an answered request
	 * for information (sent two days after submission, answered a week later), every
	 * seventh with one open since three days ago, so that the clocks pause in many ways.
	 */
	private void insertOpenCases() {
		UUID organisation = organisations.findByName("Example Trust Company, LLC").orElseThrow();
		new OpenCasesInBulk("pastlimit", 2094, 90, 10, 200).insert(jdbc, organisation, List.of("US", "SG", "CH", "GB"),
				CASES);
		jdbc.update("""
				INSERT INTO app.rfi (id, application_id, task_key, missing, message, raised_by, raised_at, answer,
				    answered_by, answered_at, closed_at, closed_because)
				SELECT gen_random_uuid(), id, 'checkCompleteness', '[]', 'bulk', 'intake',
				       submitted_at + interval '2 days 7 hours', 'bulk', 'issuer', submitted_at + interval '9 days',
				       submitted_at + interval '9 days', 'ANSWERED'
				FROM app.application WHERE reference LIKE 'EQ-2094-%' AND right(reference, 6)::int % 5 = 0
				""");
		jdbc.update("""
				INSERT INTO app.rfi (id, application_id, task_key, missing, message, raised_by, raised_at)
				SELECT gen_random_uuid(), id, 'reviewBacking', '[]', 'bulk', 'backing', now() - interval '3 days'
				FROM app.application WHERE reference LIKE 'EQ-2094-%' AND right(reference, 6)::int % 7 = 0
				""");
		jdbc.execute("ANALYZE app.application");
		jdbc.execute("ANALYZE app.rfi");
		jdbc.execute("ANALYZE public.act_ru_task");
		jdbc.execute("ANALYZE public.act_ru_identitylink");
	}

}
