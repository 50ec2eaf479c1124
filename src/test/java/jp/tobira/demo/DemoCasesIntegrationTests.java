package jp.tobira.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.Stage;
import jp.tobira.dashboard.CaseStatistics;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.worklist.TaskQueues;

/**
 * The demo set shows every stage and every ending, through the real services, spread over
 * months, so a newcomer finds a living system: each demo user lands on a screen with
 * something on it.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoCasesIntegrationTests {

	@Autowired
	DemoCases demoCases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskQueues queues;

	@Autowired
	CaseStatistics statistics;

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	/**
	 * The demo cases' ids, in the order DemoCases makes them: the rows are picked by id,
	 * not by time.
	 */
	List<ApplicationId> demo;

	long millis;

	@BeforeAll
	void createTheDemoSet() {
		mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		long start = System.nanoTime();
		demo = demoCases.create();
		millis = (System.nanoTime() - start) / 1_000_000;
		System.out.printf("DEMO CASES: %d cases created in %d ms%n", demo.size(), millis);
	}

	@Test
	void createsACaseInEachStageAndEachEnding() {
		List<String> cases = new ArrayList<>();
		for (ApplicationId id : demo) {
			cases.add(jdbc.sql("""
					SELECT a.token_symbol || ' ' || a.status || ' ' || coalesce((SELECT string_agg(t.task_def_key_
					           || coalesce('@' || t.assignee_, ''), ',' ORDER BY t.task_def_key_)
					       FROM public.act_ru_task t WHERE t.proc_inst_id_ = a.process_instance_id), '-')
					       || CASE WHEN a.escalated_at IS NOT NULL THEN ' escalated' ELSE '' END
					FROM app.application a WHERE a.id = ?
					""").param(id.value()).query(String.class).single());
		}
		assertThat(cases).containsExactly("EXJ DRAFT -", "EXE SUBMITTED checkCompleteness",
				"EXK SUBMITTED checkCompleteness@intake", "EXP AWAITING_ISSUER -",
				"LSD IN_REVIEW requestHomeConfirmation@cooperation,reviewBacking@backing",
				"EXN IN_REVIEW requestHomeConfirmation,reviewBacking", "EXF IN_REVIEW recordHomeReply",
				"HBD IN_REVIEW recordHomeReply escalated", "EXDP IN_REVIEW decide@decision", "MRD APPROVED -",
				"ISD REJECTED -", "MLD WITHDRAWN -", "EXR LAPSED -", "STD APPROVED -");
	}

	@Test
	void spreadsTheCasesOverMonthsWithSomeTasksOverdue() {
		assertThat(Duration.between(ClockUtil.now().toInstant(), Instant.now()).abs())
			.as("the engine's clock is back to the real time")
			.isLessThan(Duration.ofMinutes(1));
		List<Timestamp> submitted = jdbc
			.sql("SELECT submitted_at FROM app.application WHERE id IN (:ids) AND submitted_at IS NOT NULL ORDER BY 1")
			.param("ids", ids())
			.query(Timestamp.class)
			.list();
		assertThat(Duration.between(submitted.get(0).toInstant(), Instant.now()).toDays()).isGreaterThan(120);
		assertThat(Duration.between(submitted.get(submitted.size() - 1).toInstant(), Instant.now()).toDays())
			.isLessThan(7);
		long overdue = jdbc
			.sql("""
					SELECT count(*) FROM public.act_ru_task t JOIN app.application a ON a.process_instance_id = t.proc_inst_id_
					WHERE a.id IN (:ids) AND t.due_date_ < now()
					""")
			.param("ids", ids())
			.query(Long.class)
			.single();
		long notYetDue = jdbc
			.sql("""
					SELECT count(*) FROM public.act_ru_task t JOIN app.application a ON a.process_instance_id = t.proc_inst_id_
					WHERE a.id IN (:ids) AND t.due_date_ >= now()
					""")
			.param("ids", ids())
			.query(Long.class)
			.single();
		assertThat(overdue).isGreaterThanOrEqualTo(3);
		assertThat(notYetDue).isGreaterThanOrEqualTo(3);
		long months = jdbc.sql("""
				SELECT count(DISTINCT to_char(decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM')) FROM app.decision
				WHERE application_id IN (:ids)
				""").param("ids", ids()).query(Long.class).single();
		assertThat(months).isGreaterThanOrEqualTo(2);
	}

	@Test
	void landsEachIssuerOnTheirOwnApplications() throws Exception {
		assertThat(landing("issuer")).isEqualTo("/applications");
		String issuerPage = page("issuer", "/applications");
		assertThat(issuerPage).contains(reference(0), reference(1), reference(12)).doesNotContain(reference(4));
		assertThat(landing("issuer2")).isEqualTo("/applications");
		assertThat(page("issuer2", "/applications")).contains(reference(4), reference(10), reference(11))
			.doesNotContain(reference(1));
	}

	@Test
	void givesEachReviewerAClaimedTaskAndWorkInTheirGroupsQueue() throws Exception {
		expectQueues("intake", Set.of(Group.INTAKE), List.of(2), List.of(1));
		expectQueues("backing", Set.of(Group.BACKING_REVIEW), List.of(4), List.of(5));
		expectQueues("cooperation", Set.of(Group.COOPERATION), List.of(4), List.of(5, 6, 7));
		expectQueues("decision", Set.of(Group.DECISION), List.of(8), List.of(7));
		expectQueues("decision2", Set.of(Group.DECISION, Group.BACKING_REVIEW), List.of(), List.of(5, 7));
	}

	@Test
	void showsTheAdminADashboardWithFiguresInEveryChart() throws Exception {
		assertThat(landing("admin")).isEqualTo("/admin");
		MvcResult dashboard = mvc.perform(get("/dashboard").with(httpBasic("admin", "demo"))).andReturn();
		assertThat(dashboard.getResponse().getStatus()).isEqualTo(200);
		CaseStatistics.Figures figures = (CaseStatistics.Figures) dashboard.getModelAndView().getModel().get("figures");
		assertThat(figures.openByStage().values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(0);
		assertThat(figures.ageing().stream().filter(bucket -> bucket.from() > 0 && bucket.cases() > 0))
			.as("demo cases are past the first ten days of the period")
			.isNotEmpty();
		assertThat(figures.medianDaysByStage()).containsKeys(Stage.COMPLETENESS_CHECK, Stage.REVIEW, Stage.DECISION);
		// the medians are over every case in the database, and the other test classes'
		// cases pass their stages in
		// seconds: only that each stage is measured is the demo's to show here
		assertThat(figures.medianDaysByStage().values()).allSatisfy(days -> assertThat(days).isNotNegative());
		assertThat(figures.decisionsByMonth()).hasSizeGreaterThanOrEqualTo(2);
	}

	/**
	 * After recognition: the approved token under supervision with its monthly reports
	 * (the first filed after its due day, so audited overdue first; the next flagged and
	 * assessed as needing no action), and a token suspended on its supervisor's proposal
	 * by another decision-maker; every timer of a month gone by fired in its time, none
	 * left for the job executor, and the audit log still one verifiable chain.
	 */
	@Test
	void superviseTheRecognisedTokensWithTheirReportsAndASuspension() throws Exception {
		ApplicationId marina = demo.get(9);
		ApplicationId strait = demo.get(13);
		List<Map<String, Object>> reports = jdbc.sql("""
				SELECT period, version, jsonb_array_length(flags) AS flags, filed_at FROM app.reserve_report
				WHERE application_id = ? ORDER BY period, version
				""").param(marina.value()).query().listOfRows();
		assertThat(reports).as("a report for each month gone by but the last").hasSizeGreaterThanOrEqualTo(2);
		assertThat(reports.get(0).get("flags")).isEqualTo(0);
		assertThat(reports.get(1).get("flags")).as("the second month's report is flagged").isEqualTo(1);
		List<String> marinaAudit = auditKinds(marina);
		assertThat(marinaAudit).containsSubsequence("SUPERVISION_STARTED", "RESERVE_REPORT_OVERDUE",
				"RESERVE_REPORT_FILED", "RESERVE_REPORT_FILED");
		assertThat(marinaAudit.indexOf("RESERVE_REPORT_OVERDUE")).as("the first report was late")
			.isLessThan(marinaAudit.indexOf("RESERVE_REPORT_FILED"));
		assertThat(jdbc
			.sql("SELECT outcome || ' ' || recorded_by FROM app.finding WHERE application_id = ? AND task_key = ?")
			.params(marina.value(), "assessReport")
			.query(String.class)
			.list()).containsExactly("NO_ACTION supervisor");
		assertThat(registerStatus(marina)).isEqualTo("RECOGNISED");

		assertThat(registerStatus(strait)).isEqualTo("SUSPENDED");
		assertThat(jdbc
			.sql("SELECT status || ' ' || actor FROM app.register_status_change WHERE application_id = ? ORDER BY id")
			.param(strait.value())
			.query(String.class)
			.list()).hasSize(2).last().asString().startsWith("SUSPENDED decision");
		assertThat(jdbc.sql("""
				SELECT task_key || ' ' || outcome || ' ' || recorded_by FROM app.finding
				WHERE application_id = ? AND task_key IN ('assessReport', 'decideSuspension') ORDER BY recorded_at
				""").param(strait.value()).query(String.class).list())
			.containsExactly("assessReport PROPOSE_SUSPENSION supervisor", "decideSuspension SUSPEND decision");

		assertThat(jdbc
			.sql("""
					SELECT count(*) FROM public.act_ru_job j JOIN app.supervision s ON s.process_instance_id = j.process_instance_id_
					WHERE s.application_id IN (:ids) AND j.duedate_ <= now()
					""")
			.param("ids", ids())
			.query(Long.class)
			.single()).as("no past month's timer left to fire").isZero();
		MvcResult verified = mvc.perform(get("/api/v1/audit/verify").with(httpBasic("admin", "demo"))).andReturn();
		assertThat(verified.getResponse().getContentAsString()).contains("\"valid\":true");
	}

	private List<String> auditKinds(ApplicationId id) {
		return jdbc.sql("""
				SELECT e.kind FROM app.audit_entry e JOIN app.application a ON a.reference = e.case_reference
				WHERE a.id = ? ORDER BY e.id
				""").param(id.value()).query(String.class).list();
	}

	private String registerStatus(ApplicationId id) {
		return jdbc.sql("SELECT status FROM app.register_entry WHERE application_id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	/**
	 * The demo reads the repository's one canonical application, which the build puts on
	 * the classpath.
	 */
	@Test
	void usesTheRepositorysCanonicalApplication() throws Exception {
		String shipped = new String(
				new org.springframework.core.io.ClassPathResource("examples/application.json").getInputStream()
					.readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(shipped).isEqualTo(jp.tobira.Fixtures.exampleJson());
	}

	/**
	 * The user's start page shows their queues, with something in "my tasks" where a task
	 * was claimed for them, and the demo cases named are in their queues.
	 */
	private void expectQueues(String username, Set<Group> groups, List<Integer> mine, List<Integer> groupsQueue)
			throws Exception {
		assertThat(landing(username)).isEqualTo("/tasks");
		MvcResult result = mvc.perform(get("/tasks").with(httpBasic(username, "demo"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		TaskQueues.Page page = (TaskQueues.Page) result.getModelAndView().getModel().get("result");
		assertThat(page.counts().get(TaskQueues.Queue.GROUPS)).as(username + "'s groups' queue").isGreaterThan(0);
		if (!mine.isEmpty()) {
			assertThat(page.counts().get(TaskQueues.Queue.MINE)).as(username + "'s tasks").isGreaterThan(0);
		}
		Actor actor = new Actor(username, groups, null);
		assertThat(references(actor, TaskQueues.Queue.MINE)).as(username + "'s tasks")
			.containsAll(mine.stream().map(this::reference).toList());
		assertThat(references(actor, TaskQueues.Queue.GROUPS)).as(username + "'s groups' queue")
			.containsAll(groupsQueue.stream().map(this::reference).toList());
	}

	private List<String> references(Actor actor, TaskQueues.Queue queue) {
		return queues
			.find(actor,
					new TaskQueues.Query(queue, null, null, false, false, false, TaskQueues.Sort.DUE, false, 0, 1000))
			.rows()
			.stream()
			.map(TaskQueues.Row::reference)
			.toList();
	}

	private String landing(String username) throws Exception {
		return mvc.perform(get("/").with(httpBasic(username, "demo"))).andReturn().getResponse().getRedirectedUrl();
	}

	private String page(String username, String path) throws Exception {
		MvcResult result = mvc.perform(get(path).with(httpBasic(username, "demo"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private String reference(int index) {
		return jdbc.sql("SELECT reference FROM app.application WHERE id = ?")
			.param(demo.get(index).value())
			.query(String.class)
			.single();
	}

	private List<UUID> ids() {
		return demo.stream().map(ApplicationId::value).toList();
	}

}
