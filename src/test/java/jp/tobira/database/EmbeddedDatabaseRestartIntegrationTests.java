package jp.tobira.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraApplication;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;

/**
 * The default local run keeps its cases: a draft created before a restart is there after it, on a cluster whose
 * writes are durable (zonky runs its test clusters with fsync off).
 */
class EmbeddedDatabaseRestartIntegrationTests {

	@Test
	void keepsDraftsAcrossARestartOnADurableCluster(@TempDir Path data) {
		assumeTrue(System.getenv("TOBIRA_TEST_DB_URL") == null, "runs only on the embedded database");
		ApplicationId draft;
		String reference;
		try (ConfigurableApplicationContext first = start(data)) {
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
			assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
			var application = first.getBean(ApplicationService.class).create(issuer(first), ApplicationContent.empty());
			draft = application.id();
			reference = application.reference().value();
		}
		try (ConfigurableApplicationContext second = start(data)) {
			var again = second.getBean(ApplicationService.class).get(issuer(second), draft);
			assertThat(again.reference().value()).isEqualTo(reference);
			assertThat(again.isDraft()).isTrue();
		}
	}

	private static Actor issuer(ConfigurableApplicationContext context) {
		return new Actor("issuer", Set.of(Group.ISSUER),
				context.getBean(Organisations.class).findByName("Example Trust Company, LLC").orElseThrow());
	}

	private static ConfigurableApplicationContext start(Path data) {
		// arguments, not builder properties: those are defaults, which the test configuration file overrides
		return new SpringApplicationBuilder(TobiraApplication.class).run("--server.port=0",
				"--tobira.database.embedded.data-directory=" + data.resolve("postgres"),
				"--camunda.bpm.job-execution.enabled=false");
	}
}
