package jp.tobira.process;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's task table that the task list's orders need (issue 15): the
 * list sorts by due date by default and may sort by the task's name, and without an index
 * on either a page of 25 sorts every task of its queue (100,000 at scale). The engine
 * creates its own tables when it starts ({@code camunda.bpm.database.schema-update}), and
 * Flyway runs before it (this plugin's own JDBC access waits for Flyway), so a migration
 * cannot rely on them on a new database: these are made once the engine is built, and
 * only if missing. The application's own indexes for the list are in
 * {@code V22__task_list_indexes.sql}.
 */
@Component
class EngineTaskIndexes extends AbstractProcessEnginePlugin {

	private final JdbcClient jdbc;

	EngineTaskIndexes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		// ascending with nulls last, as the list orders: an index scan gives the first
		// page
		// of the queue in order and stops there
		jdbc.sql("CREATE INDEX IF NOT EXISTS tobira_task_by_due ON public.act_ru_task (due_date_)").update();
		jdbc.sql("CREATE INDEX IF NOT EXISTS tobira_task_by_name ON public.act_ru_task (name_)").update();
		// the filter by task kind in the list's default order: without it, its count and
		// its page read the task table from the start until they have found enough
		jdbc.sql("CREATE INDEX IF NOT EXISTS tobira_task_by_key_due ON public.act_ru_task (task_def_key_, due_date_)")
			.update();
	}

}
