package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * The task list's own table of open tasks ({@code app.open_task}) says what the engine's
 * tables say, whatever changes a task and through whichever door: a task made, claimed,
 * given a due date, a candidate group added and taken away (as Cockpit or the escalation
 * of a late reply would), completed, its process deleted; and two transactions changing
 * one task at once. After each step the table is compared, row by row, with the engine's
 * tasks of the cases read directly.
 */
@TobiraIntegrationTest
class OpenTasksIntegrationTests {

	/** Each open task of a case as the engine's tables have it, as text to compare. */
	private static final String FROM_THE_ENGINE = """
			SELECT concat_ws('|', t.id_, t.proc_inst_id_, cp.application_id, a.reference, t.task_def_key_, t.name_,
			       t.assignee_, t.due_date_, t.follow_up_date_, t.create_time_,
			       (SELECT string_agg(DISTINCT l.group_id_, ',' ORDER BY l.group_id_) FROM public.act_ru_identitylink l
			        WHERE l.task_id_ = t.id_ AND l.type_ = 'candidate'),
			       a.jurisdiction, a.escalated_at IS NOT NULL,
			       EXISTS (SELECT 1 FROM app.case_flag f WHERE f.application_id = a.id AND f.overruled_by IS NULL))
			FROM public.act_ru_task t
			JOIN app.case_process cp ON cp.process_instance_id = t.proc_inst_id_
			JOIN app.application a ON a.id = cp.application_id
			ORDER BY 1
			""";

	private static final String FROM_THE_LIST = """
			SELECT concat_ws('|', id_, proc_inst_id_, application_id, reference_, task_def_key_, name_, assignee_,
			       due_date_, follow_up_date_, create_time_, nullif(array_to_string(candidate_groups_, ','), ''),
			       jurisdiction, escalated, flagged)
			FROM app.open_task
			ORDER BY 1
			""";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	@Autowired
	DataSource dataSource;

	ApiClient issuer;

	ApiClient intake;

	@BeforeEach
	void setUp() {
		issuer = new ApiClient(rest, "issuer");
		intake = new ApiClient(rest, "intake");
	}

	@Test
	void followsTheEngineThroughEveryChangeOfATaskAndItsCandidateGroups() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		assertThat(row(check)).as("the submission's first task, with its case").isNotNull();
		assertThat(row(check)).containsEntry("reference_", submitted.reference())
			.containsEntry("task_def_key_", "checkCompleteness");
		assertTheListSaysWhatTheEngineSays();

		tasks.setAssignee(check, "intake");
		assertThat(row(check)).containsEntry("assignee_", "intake");
		Task task = tasks.createTaskQuery().taskId(check).singleResult();
		task.setDueDate(Date.from(java.time.Instant.parse("2030-01-02T03:00:00Z")));
		tasks.saveTask(task);
		tasks.addCandidateGroup(check, "decision");
		assertTheListSaysWhatTheEngineSays();
		assertThat(jdbc.sql("SELECT array_to_string(candidate_groups_, ',') FROM app.open_task WHERE id_ = ?")
			.param(check)
			.query(String.class)
			.single()).isEqualTo("decision,intake");

		tasks.deleteCandidateGroup(check, "decision");
		tasks.setAssignee(check, null);
		assertTheListSaysWhatTheEngineSays();

		assertThat(intake.complete(check, "{\"complete\": true}").status()).isEqualTo(200);
		assertThat(row(check)).as("a completed task leaves the list").isNull();
		assertThat(jdbc.sql("SELECT count(*) FROM app.open_task WHERE application_id = ?::uuid")
			.param(submitted.id())
			.query(Long.class)
			.single()).as("the case's next tasks are there").isPositive();
		assertTheListSaysWhatTheEngineSays();

		String process = jdbc.sql("SELECT process_instance_id FROM app.application WHERE id = ?::uuid")
			.param(submitted.id())
			.query(String.class)
			.single();
		runtime.deleteProcessInstance(process, "test: a process deleted from outside the application");
		assertThat(jdbc.sql("SELECT count(*) FROM app.open_task WHERE proc_inst_id_ = ?")
			.param(process)
			.query(Long.class)
			.single()).as("a deleted process's tasks leave the list").isZero();
		assertTheListSaysWhatTheEngineSays();
	}

	/**
	 * What the list's filters ask of the case is on each of its tasks' rows (V30): they
	 * follow a flag raised, overruled and removed, an escalation and a change of
	 * jurisdiction, however the case's tables are written.
	 */
	@Test
	void followsTheCaseThroughItsFlagsEscalationAndJurisdiction() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		jdbc.sql("DELETE FROM app.case_flag WHERE application_id = ?::uuid").param(submitted.id()).update();
		assertThat(row(check)).containsEntry("flagged", false).containsEntry("escalated", false);

		jdbc.sql("""
				INSERT INTO app.case_flag (application_id, flag, rule, advice, raised_at)
				VALUES (?::uuid, 'TEST_ONE', 'test', 'test', now()), (?::uuid, 'TEST_TWO', 'test', 'test', now())
				""").params(submitted.id(), submitted.id()).update();
		assertThat(row(check)).as("two flags raised in one statement").containsEntry("flagged", true);
		overrule("TEST_ONE", submitted, "intake");
		assertThat(row(check)).as("one of two overruled").containsEntry("flagged", true);
		overrule("TEST_TWO", submitted, "intake");
		assertThat(row(check)).as("both overruled").containsEntry("flagged", false);
		overrule("TEST_TWO", submitted, null);
		assertThat(row(check)).as("an overrule taken back").containsEntry("flagged", true);
		jdbc.sql("DELETE FROM app.case_flag WHERE application_id = ?::uuid").param(submitted.id()).update();
		assertThat(row(check)).as("the flags removed").containsEntry("flagged", false);

		jdbc.sql("UPDATE app.application SET escalated_at = now() WHERE id = ?::uuid").param(submitted.id()).update();
		assertThat(row(check)).containsEntry("escalated", true);
		jdbc.sql("UPDATE app.application SET jurisdiction = 'ZZ' WHERE id = ?::uuid").param(submitted.id()).update();
		assertThat(row(check)).containsEntry("jurisdiction", "ZZ");
		assertTheListSaysWhatTheEngineSays();
		jdbc.sql("UPDATE app.application SET escalated_at = NULL WHERE id = ?::uuid").param(submitted.id()).update();
		assertThat(row(check)).containsEntry("escalated", false);
		assertTheListSaysWhatTheEngineSays();
	}

	private void overrule(String flag, ApiClient.Case submitted, String by) {
		jdbc.sql("UPDATE app.case_flag SET overruled_by = ? WHERE application_id = ?::uuid AND flag = ?")
			.params(by, submitted.id(), flag)
			.update();
	}

	@Test
	void aTaskIsMadeAgainFromTheEngineWhenItsRowIsLost() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		jdbc.sql("DELETE FROM app.open_task WHERE id_ = ?").param(check).update();

		// what V29 runs over an existing database's open tasks
		jdbc.sql("SELECT app.open_task_refresh(ARRAY(SELECT id_ FROM public.act_ru_task))").query().listOfRows();

		assertThat(row(check)).isNotNull();
		assertTheListSaysWhatTheEngineSays();
	}

	@Test
	void twoTransactionsChangingOneTaskAtOnceLeaveBothChangesInTheList() throws Exception {
		ApiClient.Case submitted = issuer.submitCanonical();
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
			first.setAutoCommit(false);
			second.setAutoCommit(false);
			try (PreparedStatement claim = first.prepareStatement(
					"UPDATE public.act_ru_task SET assignee_ = 'intake', rev_ = rev_ + 1 WHERE id_ = ?")) {
				claim.setString(1, check);
				claim.executeUpdate();
			}
			// the second adds a candidate group while the first has not committed: its
			// trigger waits for the first's row of the list
			ExecutorService other = Executors.newSingleThreadExecutor();
			try {
				Future<?> added = other.submit(() -> {
					try (PreparedStatement group = second.prepareStatement(
							"INSERT INTO public.act_ru_identitylink (id_, rev_, group_id_, type_, task_id_) "
									+ "VALUES (?, 1, 'decision', 'candidate', ?)")) {
						group.setString(1, java.util.UUID.randomUUID().toString());
						group.setString(2, check);
						group.executeUpdate();
						second.commit();
					}
					return null;
				});
				Thread.sleep(300);
				assertThat(added).as("the second waits for the first").isNotDone();
				first.commit();
				added.get(10, TimeUnit.SECONDS);
			}
			finally {
				other.shutdownNow();
			}
		}

		assertThat(row(check)).containsEntry("assignee_", "intake");
		assertThat(jdbc.sql("SELECT array_to_string(candidate_groups_, ',') FROM app.open_task WHERE id_ = ?")
			.param(check)
			.query(String.class)
			.single()).isEqualTo("decision,intake");
		assertTheListSaysWhatTheEngineSays();
	}

	private Map<String, Object> row(String taskId) {
		return jdbc.sql("SELECT * FROM app.open_task WHERE id_ = ?")
			.param(taskId)
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.orElse(null);
	}

	private void assertTheListSaysWhatTheEngineSays() {
		List<String> engine = jdbc.sql(FROM_THE_ENGINE).query(String.class).list();
		List<String> list = jdbc.sql(FROM_THE_LIST).query(String.class).list();
		assertThat(list).isEqualTo(engine);
	}

}
