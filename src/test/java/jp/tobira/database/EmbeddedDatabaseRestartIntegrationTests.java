package jp.tobira.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraApplication;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;

/**
 * The default local run keeps its cases: a draft created before a restart is there after
 * it, on a cluster whose writes are durable (zonky runs its test clusters with fsync
 * off). Each start is the local run as {@code spring-boot:run} makes it, job executor
 * included, and reports itself healthy on PostgreSQL (ARCHITECTURE.md §8).
 */
class EmbeddedDatabaseRestartIntegrationTests {

	@Test
	void keepsDraftsAcrossARestartOnADurableCluster(@TempDir Path data) {
		assumeTrue(System.getenv("TOBIRA_TEST_DB_URL") == null, "runs only on the embedded database");
		ApplicationId draft;
		String reference;
		try (ConfigurableApplicationContext first = start(data)) {
			assertThat(first.getBean(ProcessEngine.class).getName()).isEqualTo("restartTest");
			assertHealthyOnPostgres(first);
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
			var application = first.getBean(ApplicationService.class).create(issuer(first), ApplicationContent.empty());
			draft = application.id();
			reference = application.reference().value();
		}
		try (ConfigurableApplicationContext second = start(data)) {
			assertHealthyOnPostgres(second);
			var again = second.getBean(ApplicationService.class).get(issuer(second), draft);
			assertThat(again.reference().value()).isEqualTo(reference);
			assertThat(again.isDraft()).isTrue();
		}
	}

	/**
	 * The pinned contract as any caller of the local run sees it: UP, and the db
	 * component names PostgreSQL (the prod profile shows the components to admins alone,
	 * {@code ProdProfileIntegrationTests}).
	 */
	private static void assertHealthyOnPostgres(ConfigurableApplicationContext context) {
		ResponseEntity<JsonNode> health = new TestRestTemplate().getForEntity(rootUri(context) + "/actuator/health",
				JsonNode.class);
		assertThat(health.getStatusCode().value()).as("%s", health.getBody()).isEqualTo(200);
		assertThat(health.getBody().path("status").asText()).as("%s", health.getBody()).isEqualTo("UP");
		assertThat(health.getBody().at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
		// the engine's job executor runs in this configuration and counts towards the
		// status
		assertThat(health.getBody().at("/components/jobExecutor/status").asText()).as("%s", health.getBody())
			.isEqualTo("UP");
	}

	static String rootUri(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	private static Actor issuer(ConfigurableApplicationContext context) {
		return new Actor("issuer", Set.of(Group.ISSUER),
				context.getBean(Organisations.class).findByName("Example Trust Company, LLC").orElseThrow());
	}

	private static ConfigurableApplicationContext start(Path data) {
		// arguments, not builder properties: those are defaults, which the test
		// configuration file overrides
		return new SpringApplicationBuilder(TobiraApplication.class).run("--server.port=0",
				"--tobira.database.embedded.data-directory=" + data.resolve("postgres"),
				// as spring-boot:run has it (the test configuration turns it off for the
				// shared context)
				"--camunda.bpm.job-execution.enabled=true",
				// Camunda's engine registry is static and keyed by name (no hyphens
				// allowed): under the shared test context's 'default'
				// this engine would replace it, and closing it would unregister the
				// shared one
				"--camunda.bpm.process-engine-name=restartTest");
	}

}
