package jp.tobira.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the application adds to the engine's task tables: the triggers that keep the task
 * list's own table of open tasks with them ({@code app.open_task},
 * {@code V29__open_tasks.sql}; issue 15), those that keep when each case entered its
 * stages from the task history ({@code app.case_stay}, {@code V31__case_stays.sql}, the
 * dashboard's medians), and two indexes, for the due reminders' range of due dates and
 * the look-ups of a task by its kind. The engine creates its own tables when it starts
 * ({@code camunda.bpm.database.schema-update}), and Flyway runs before it (this plugin's
 * own JDBC access waits for Flyway), so a migration cannot rely on them on a new
 * database: these are made once the engine is built, and only if missing.
 */
@Component
class EngineTaskIndexes extends AbstractProcessEnginePlugin {

	private final JdbcClient jdbc;

	EngineTaskIndexes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		// TaskDueReminders reads the tasks due within a range
		jdbc.sql("CREATE INDEX IF NOT EXISTS tobira_task_by_due ON public.act_ru_task (due_date_)").update();
		// the list read it for its order by task before it had its own table
		jdbc.sql("DROP INDEX IF EXISTS public.tobira_task_by_name").update();
		// a task found by its kind (the escalation of a late reply, the supervision's
		// assessments), and in order of its due date
		jdbc.sql("CREATE INDEX IF NOT EXISTS tobira_task_by_key_due ON public.act_ru_task (task_def_key_, due_date_)")
			.update();
		jdbc.sql(OPEN_TASK_TRIGGERS).update();
		jdbc.sql(CASE_STAY_TRIGGERS).update();
	}

	/**
	 * The triggers that keep the task list's open tasks ({@code app.open_task},
	 * {@code V29__open_tasks.sql}) with the engine's: tasks written or deleted and
	 * candidate groups added or taken away, once a statement with the rows it touched (a
	 * bulk load is one pass); a task changed in what the list shows, a row at a time.
	 */
	private static final String OPEN_TASK_TRIGGERS = once("tobira_open_task_written", """
			        CREATE TRIGGER tobira_open_task_written AFTER INSERT ON public.act_ru_task
			            REFERENCING NEW TABLE AS written
			            FOR EACH STATEMENT EXECUTE FUNCTION app.open_task_on_tasks_written();
			        CREATE TRIGGER tobira_open_task_changed AFTER UPDATE ON public.act_ru_task
			            FOR EACH ROW WHEN (OLD.proc_inst_id_ IS DISTINCT FROM NEW.proc_inst_id_
			                OR OLD.task_def_key_ IS DISTINCT FROM NEW.task_def_key_
			                OR OLD.name_ IS DISTINCT FROM NEW.name_
			                OR OLD.assignee_ IS DISTINCT FROM NEW.assignee_
			                OR OLD.due_date_ IS DISTINCT FROM NEW.due_date_
			                OR OLD.follow_up_date_ IS DISTINCT FROM NEW.follow_up_date_
			                OR OLD.create_time_ IS DISTINCT FROM NEW.create_time_)
			            EXECUTE FUNCTION app.open_task_on_task_changed();
			        CREATE TRIGGER tobira_open_task_deleted AFTER DELETE ON public.act_ru_task
			            REFERENCING OLD TABLE AS gone
			            FOR EACH STATEMENT EXECUTE FUNCTION app.open_task_on_tasks_deleted();
			        CREATE TRIGGER tobira_open_task_groups_written AFTER INSERT ON public.act_ru_identitylink
			            REFERENCING NEW TABLE AS touched
			            FOR EACH STATEMENT EXECUTE FUNCTION app.open_task_on_links_touched();
			        CREATE TRIGGER tobira_open_task_groups_changed AFTER UPDATE ON public.act_ru_identitylink
			            FOR EACH ROW EXECUTE FUNCTION app.open_task_on_link_changed();
			        CREATE TRIGGER tobira_open_task_groups_deleted AFTER DELETE ON public.act_ru_identitylink
			            REFERENCING OLD TABLE AS touched
			            FOR EACH STATEMENT EXECUTE FUNCTION app.open_task_on_links_touched();
			""");

	/**
	 * The triggers that keep the cases' stays ({@code app.case_stay},
	 * {@code V31__case_stays.sql}) with the engine's task history: tasks written, and
	 * tasks ended (the engine ends a task by an update of its history row), once a
	 * statement with its rows.
	 */
	private static final String CASE_STAY_TRIGGERS = once("tobira_case_stay_written", """
			        CREATE TRIGGER tobira_case_stay_written AFTER INSERT ON public.act_hi_taskinst
			            REFERENCING NEW TABLE AS written
			            FOR EACH STATEMENT EXECUTE FUNCTION app.case_stay_on_tasks_written();
			        CREATE TRIGGER tobira_case_stay_ended AFTER UPDATE ON public.act_hi_taskinst
			            REFERENCING NEW TABLE AS written
			            FOR EACH STATEMENT EXECUTE FUNCTION app.case_stay_on_tasks_ended();
			""");

	/**
	 * Triggers made once: in one statement under an advisory lock, so that two nodes
	 * starting together do not both make them, and only if the first of them
	 * ({@code first}) is missing. Changing a group later needs a new first name, or a
	 * drop before it.
	 */
	private static String once(String first, String creates) {
		return """
				DO $$
				BEGIN
				    PERFORM pg_advisory_xact_lock(hashtext('%1$s'));
				    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = '%1$s') THEN
				%2$s
				    END IF;
				END $$
				""".formatted(first, creates);
	}

}
