package jp.tobira.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;

@TobiraIntegrationTest
class TablePersistenceIntegrationTests {

	@Autowired
	JdbcClient jdbc;

	/**
	 * The sessions are unlogged (a commit that touched only them does not wait for the
	 * disk, and a crash of PostgreSQL empties them: everyone signs in again); everything
	 * else, cases, documents, the audit log and the engine's tables, must survive a
	 * crash.
	 */
	@Test
	void onlyTheSessionTablesAreUnlogged() {
		assertThat(jdbc.sql("""
				SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'u' AND n.nspname IN ('app', 'public')
				""").query(String.class).list()).containsExactlyInAnyOrder("app.spring_session",
				"app.spring_session_attributes");
	}

}
