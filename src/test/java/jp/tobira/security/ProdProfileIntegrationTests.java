package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraApplication;
import jp.tobira.startup.MissingSettings;

/**
 * The {@code prod} profile on a database that first ran in demo mode (someone tried it
 * locally, then went live on the same data): no demo account logs in any more, the first
 * admin comes from TOBIRA_ADMIN_PASSWORD even though the demo {@code admin} row holds the
 * name, and the health endpoint tells anonymous callers only its status. Without its
 * settings the profile refuses to start, naming every missing one. The tests start their
 * own PostgreSQL server and give its URL to each run, as an installation does: the
 * profile does not start the embedded one.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProdProfileIntegrationTests {

	private static final String ADMIN_PASSWORD = "correct horse battery";

	private static final String HASH_KEY = "prod-profile-test-key-of-32-characters-or-more";

	@Test
	void refusesToStartWithoutItsSettingsNamingEveryMissingOne(CapturedOutput output) {
		assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--spring.datasource.url=",
				"--spring.datasource.username=", "--spring.datasource.password=", "--tobira.api-tokens.hash-key=short",
				"--tobira.admin-password="))
			.isInstanceOfSatisfying(MissingSettings.class, missing -> assertThat(missing.settings()).hasSize(5)
				.satisfiesExactly(url -> assertThat(url).startsWith("spring.datasource.url (SPRING_DATASOURCE_URL)"),
						user -> assertThat(user).startsWith("spring.datasource.username (SPRING_DATASOURCE_USERNAME)"),
						password -> assertThat(password)
							.startsWith("spring.datasource.password (SPRING_DATASOURCE_PASSWORD)"),
						key -> assertThat(key).startsWith("tobira.api-tokens.hash-key (TOBIRA_API_TOKENS_HASH_KEY)")
							.endsWith("too short)"),
						admin -> assertThat(admin).startsWith("tobira.admin-password (TOBIRA_ADMIN_PASSWORD)")));
		assertThat(output).as("one report naming them all, no stack trace")
			.contains("APPLICATION FAILED TO START", "Tobira cannot start without these settings",
					"- spring.datasource.url (SPRING_DATASOURCE_URL)", "- spring.datasource.username",
					"- spring.datasource.password", "- tobira.api-tokens.hash-key", "- tobira.admin-password")
			.doesNotContain("\tat jp.tobira");
	}

	@Test
	void demoAccountsStopWorkingAndTheFirstAdminTakesOverTheDemoAdminName() throws IOException {
		try (EmbeddedPostgres server = EmbeddedPostgres.builder().start();
				ConfigurableApplicationContext demo = start(on(server))) {
			TestRestTemplate rest = new TestRestTemplate();
			assertThat(rest.withBasicAuth("issuer", "demo")
				.getForEntity(rootUri(demo) + "/api/v1/applications", String.class)
				.getStatusCode()
				.value()).as("demo mode works before the switch").isNotEqualTo(401);
			demo.close();
			runProdOn(server);
		}
	}

	private static void runProdOn(EmbeddedPostgres server) {
		// demo cases are on by default (the test configuration turns them off): the prod
		// profile makes none all the same
		try (ConfigurableApplicationContext prod = start(prod(server, "--tobira.admin-password=" + ADMIN_PASSWORD,
				"--tobira.demo.cases=true", "--tobira.admin-email=operator@supervisor.example"))) {
			String root = rootUri(prod);
			TestRestTemplate rest = new TestRestTemplate();
			for (String demoUser : new String[] { "issuer", "issuer2", "intake", "backing", "cooperation", "decision",
					"decision2", "supervisor", "admin", "admin2" }) {
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
				.isEqualTo(9);
			assertThat(jdbc.sql("SELECT email FROM app.users WHERE username = 'admin'").query(String.class).single())
				.as("the first admin's address is TOBIRA_ADMIN_EMAIL, not the demo account's")
				.isEqualTo("operator@supervisor.example");
			assertThat(jdbc.sql("SELECT count(*) FROM app.application").query(Long.class).single()).as("no demo cases")
				.isZero();

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

	/**
	 * Nobody could log in, not even to make an admin: the start is refused with the
	 * setting named, and the demo accounts stay disabled.
	 */
	@Test
	void refusesToStartWithoutAnAdminPasswordWhileNoAdminCanLogIn() throws Exception {
		try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
			start(on(server)).close();
			assertThatThrownBy(() -> start(prod(server))).hasRootCauseInstanceOf(MissingSettings.class)
				.rootCause()
				.hasMessageContaining("tobira.admin-password (TOBIRA_ADMIN_PASSWORD)");
			try (Connection connection = server.getPostgresDatabase().getConnection();
					ResultSet enabled = connection.createStatement()
						.executeQuery("SELECT count(*) FROM app.users WHERE enabled")) {
				enabled.next();
				assertThat(enabled.getLong(1)).isZero();
			}
		}
	}

	private static String rootUri(ConfigurableApplicationContext context) {
		return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
	}

	/** The first run on a server: demo mode, as someone tried it locally. */
	private static String[] on(EmbeddedPostgres server) {
		return new String[] { "--spring.datasource.url=" + server.getJdbcUrl("postgres", "postgres") };
	}

	/** Everything the prod profile requires but the admin password. */
	private static String[] prod(EmbeddedPostgres server, String... more) {
		List<String> args = new ArrayList<>(List.of(on(server)));
		args.addAll(List.of("--spring.profiles.active=prod", "--spring.datasource.username=postgres",
				// the embedded server trusts local connections: any password does
				"--spring.datasource.password=unused", "--tobira.api-tokens.hash-key=" + HASH_KEY));
		args.addAll(List.of(more));
		return args.toArray(String[]::new);
	}

	private static ConfigurableApplicationContext start(String... more) {
		String[] common = { "--server.port=0",
				// Camunda's static engine registry is keyed by name (no hyphens): not the
				// shared context's 'default'
				"--camunda.bpm.process-engine-name=prodProfileTest" };
		String[] args = new String[common.length + more.length];
		System.arraycopy(common, 0, args, 0, common.length);
		System.arraycopy(more, 0, args, common.length, more.length);
		// arguments, not builder properties: those are defaults, which the test
		// configuration file overrides
		return new SpringApplicationBuilder(TobiraApplication.class).run(args);
	}

}
