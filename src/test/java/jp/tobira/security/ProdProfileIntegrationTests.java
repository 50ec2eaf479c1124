package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraApplication;

/**
 * The {@code prod} profile on a database that first ran in demo mode (someone tried it
 * locally, then went live on the same data): no demo account logs in any more, the first
 * admin comes from TOBIRA_ADMIN_PASSWORD even though the demo {@code admin} row holds the
 * name, and the health endpoint tells anonymous callers only its status.
 */
class ProdProfileIntegrationTests {

	private static final String ADMIN_PASSWORD = "correct horse battery";

	@Test
	void demoAccountsStopWorkingAndTheFirstAdminTakesOverTheDemoAdminName(@TempDir Path data) {
		assumeTrue(System.getenv("TOBIRA_TEST_DB_URL") == null, "runs only on the embedded database");
		try (ConfigurableApplicationContext demo = start(data)) {
			TestRestTemplate rest = new TestRestTemplate();
			assertThat(rest.withBasicAuth("issuer", "demo")
				.getForEntity(rootUri(demo) + "/api/v1/applications", String.class)
				.getStatusCode()
				.value()).as("demo mode works before the switch").isNotEqualTo(401);
		}
		try (ConfigurableApplicationContext prod = start(data, "--spring.profiles.active=prod",
				"--tobira.admin-password=" + ADMIN_PASSWORD, "--tobira.admin-email=operator@supervisor.example")) {
			String root = rootUri(prod);
			TestRestTemplate rest = new TestRestTemplate();
			for (String demoUser : new String[] { "issuer", "issuer2", "intake", "backing", "cooperation", "decision",
					"decision2", "admin", "admin2" }) {
				assertThat(rest.withBasicAuth(demoUser, "demo")
					.getForEntity(root + "/api/v1/applications", String.class)
					.getStatusCode()
					.value()).as(demoUser + ":demo").isEqualTo(401);
			}
			JdbcClient jdbc = prod.getBean(JdbcClient.class);
			assertThat(jdbc.sql("SELECT count(*) FROM app.users WHERE demo AND enabled").query(Long.class).single())
				.isZero();
			assertThat(jdbc.sql("SELECT count(*) FROM app.users WHERE demo").query(Long.class).single())
				.as("the demo rows are still there, disabled (all but admin, which the first admin took over)")
				.isEqualTo(8);
			assertThat(jdbc.sql("SELECT email FROM app.users WHERE username = 'admin'").query(String.class).single())
				.as("the first admin's address is TOBIRA_ADMIN_EMAIL, not the demo account's")
				.isEqualTo("operator@supervisor.example");

			ResponseEntity<JsonNode> verified = rest.withBasicAuth("admin", ADMIN_PASSWORD)
				.getForEntity(root + "/api/v1/audit/verify", JsonNode.class);
			assertThat(verified.getStatusCode().value()).isEqualTo(200);
			assertThat(verified.getBody().path("valid").asBoolean()).isTrue();

			ResponseEntity<JsonNode> anonymous = rest.getForEntity(root + "/actuator/health", JsonNode.class);
			assertThat(anonymous.getStatusCode().value()).isEqualTo(200);
			assertThat(anonymous.getBody().path("status").asText()).isEqualTo("UP");
			assertThat(anonymous.getBody().properties()).as("%s", anonymous.getBody()).hasSize(1);

			ResponseEntity<JsonNode> asAdmin = rest.withBasicAuth("admin", ADMIN_PASSWORD)
				.getForEntity(root + "/actuator/health", JsonNode.class);
			assertThat(asAdmin.getBody().path("status").asText()).isEqualTo("UP");
			assertThat(asAdmin.getBody().at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");

			// the session is Spring Session's (in PostgreSQL), its cookie still the one
			// application-prod.yml names: __Host- needs Secure and Path=/ to be kept by a
			// browser at all
			String cookie = rest.getForEntity(root + "/login", String.class)
				.getHeaders()
				.getFirst(HttpHeaders.SET_COOKIE);
			assertThat(cookie).startsWith("__Host-TOBIRA_SESSION=")
				.contains("; Path=/;", "; Secure", "; HttpOnly", "; SameSite=Lax")
				.doesNotContain("Domain=");
			String session = cookie.substring("__Host-TOBIRA_SESSION=".length(), cookie.indexOf(';'));
			assertThat(jdbc.sql("SELECT count(*) FROM app.spring_session WHERE session_id = ?")
				.param(new String(Base64.getDecoder().decode(session), StandardCharsets.US_ASCII))
				.query(Long.class)
				.single()).as("the session is kept in PostgreSQL").isEqualTo(1);
		}
	}

	@Test
	void leavesTheDemoAdminDisabledWithoutAnAdminPassword(@TempDir Path data) {
		assumeTrue(System.getenv("TOBIRA_TEST_DB_URL") == null, "runs only on the embedded database");
		start(data).close();
		try (ConfigurableApplicationContext prod = start(data, "--spring.profiles.active=prod")) {
			assertThat(new TestRestTemplate().withBasicAuth("admin", "demo")
				.getForEntity(rootUri(prod) + "/api/v1/audit/verify", String.class)
				.getStatusCode()
				.value()).isEqualTo(401);
			assertThat(prod.getBean(JdbcClient.class)
				.sql("SELECT count(*) FROM app.users WHERE enabled")
				.query(Long.class)
				.single()).isZero();
		}
	}

	private static String rootUri(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	private static ConfigurableApplicationContext start(Path data, String... more) {
		String[] common = { "--server.port=0", "--tobira.database.embedded.data-directory=" + data.resolve("postgres"),
				// Camunda's static engine registry is keyed by name (no hyphens): not the
				// shared context's 'default'
				"--camunda.bpm.process-engine-name=prodProfileTest",
				// the prod profile refuses to start without the key API tokens are stored
				// under
				"--tobira.api-tokens.hash-key=prod-profile-test-key-of-32-characters-or-more" };
		String[] args = new String[common.length + more.length];
		System.arraycopy(common, 0, args, 0, common.length);
		System.arraycopy(more, 0, args, common.length, more.length);
		// arguments, not builder properties: those are defaults, which the test
		// configuration file overrides
		return new SpringApplicationBuilder(TobiraApplication.class).run(args);
	}

}
