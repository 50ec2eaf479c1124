package jp.tobira.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraApplication;
import jp.tobira.api.ApiClient;
import jp.tobira.security.BrowserSession;

/**
 * Two nodes of one installation: two application instances, each with its job executor,
 * on one PostgreSQL, as issue 12 runs them behind a load balancer without sticky
 * sessions. The first node starts the database (the embedded one, or connects to
 * {@code TOBIRA_TEST_DB_URL}); the second is given the first's JDBC URL, so it connects
 * to the same database rather than starting its own. Any request may go to either node: a
 * session made on one is served by the other, a case submitted on one is a task on the
 * other, and a task completed on both at once is completed once.
 */
class TwoNodesIntegrationTests {

	static final int ROUNDS = 5;

	static ConfigurableApplicationContext nodeOne;

	static ConfigurableApplicationContext nodeTwo;

	@BeforeAll
	static void startTwoNodesOnOneDatabase() throws Exception {
		nodeOne = start("nodeOne");
		HikariDataSource database = nodeOne.getBean(DataSource.class).unwrap(HikariDataSource.class);
		List<String> sameDatabase = new ArrayList<>(List.of("--spring.datasource.url=" + database.getJdbcUrl()));
		if (database.getUsername() != null) {
			sameDatabase.add("--spring.datasource.username=" + database.getUsername());
		}
		if (database.getPassword() != null) {
			sameDatabase.add("--spring.datasource.password=" + database.getPassword());
		}
		nodeTwo = start("nodeTwo", sameDatabase.toArray(String[]::new));
	}

	@AfterAll
	static void stopBothNodes() {
		// the second node first: the first one's context owns the embedded database
		if (nodeTwo != null) {
			nodeTwo.close();
		}
		if (nodeOne != null) {
			nodeOne.close();
		}
	}

	@Test
	void bothNodesWorkOnOneDatabase() {
		JdbcClient one = nodeOne.getBean(JdbcClient.class);
		JdbcClient two = nodeTwo.getBean(JdbcClient.class);
		String server = "SELECT inet_server_port() || '/' || current_database()";
		assertThat(two.sql(server).query(String.class).single())
			.as("the second node talks to the first one's PostgreSQL, not a server of its own")
			.isEqualTo(one.sql(server).query(String.class).single());
	}

	/**
	 * Without sessions in PostgreSQL the second node does not know the first one's
	 * session and sends the browser to the log-in page; the audit page's "verify" is a
	 * form post (the CSRF token is kept in the session) whose result is a flash attribute
	 * (kept in the session between the redirect and the next page).
	 */
	@Test
	void aSessionMadeOnOneNodeIsServedByTheOther() {
		BrowserSession onNodeOne = BrowserSession.logIn(rootUri(nodeOne), "admin");
		BrowserSession onNodeTwo = onNodeOne.on(rootUri(nodeTwo));
		try {
			assertThat(onNodeOne.get("/admin/audit?lang=ja").statusCode()).isEqualTo(200);

			HttpResponse<String> audit = onNodeTwo.get("/admin/audit");
			assertThat(audit.statusCode()).as("served, not sent to the log-in page").isEqualTo(200);
			assertThat(audit.body()).as("in the language chosen on the other node").contains("チェーンを検証");

			String csrfFromNodeOne = onNodeOne.csrfTokenOn("/admin/audit");
			HttpResponse<String> verify = onNodeTwo.postForm("/admin/audit/verify",
					"_csrf=" + BrowserSession.encode(csrfFromNodeOne));
			assertThat(verify.statusCode()).as("the CSRF token of node one is accepted by node two").isEqualTo(302);
			assertThat(verify.headers().firstValue("Location"))
				.hasValueSatisfying(location -> assertThat(location).endsWith("/admin/audit").doesNotContain("login"));

			assertThat(onNodeOne.get("/admin/audit").body())
				.as("the result node two flashed, shown by node one in the chosen language")
				.contains("チェーンは正常です");
		}
		finally {
			// the choice is stored for the user: give the demo admin back their English
			onNodeOne.get("/admin/audit?lang=en");
		}
	}

	@Test
	void aCaseSubmittedOnOneNodeIsATaskOnTheOther() {
		ApiClient issuerOnOne = client(nodeOne, "issuer");
		ApiClient intakeOnOne = client(nodeOne, "intake");
		ApiClient intakeOnTwo = client(nodeTwo, "intake");

		ApiClient.Case submitted = issuerOnOne.submitCanonical();
		String check = intakeOnTwo.taskId(submitted.reference(), "checkCompleteness");

		assertThat(intakeOnOne.complete(check, "{\"complete\": true}").status()).isEqualTo(200);
		assertThat(intakeOnTwo.get("/api/v1/tasks?size=200").json().findValuesAsText("id"))
			.as("completed on node one, gone from node two's list at once")
			.doesNotContain(check);
	}

	/**
	 * Each round a fresh case's intake check is completed on both nodes at the same
	 * moment: the engine's optimistic locking and the audit chain's head row lock are in
	 * the database, so one node wins and the other answers 409, whichever JVM each runs
	 * in.
	 */
	@Test
	void completesATaskOnceWhenBothNodesCompleteItAtTheSameMoment() throws Exception {
		ApiClient issuer = client(nodeOne, "issuer");
		List<ApiClient> intakeOnBothNodes = List.of(client(nodeOne, "intake"), client(nodeTwo, "intake"));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 1; round <= ROUNDS; round++) {
				ApiClient.Case submitted = issuer.submitCanonical();
				String check = intakeOnBothNodes.get(round % 2).taskId(submitted.reference(), "checkCompleteness");
				CountDownLatch together = new CountDownLatch(1);
				List<Future<ApiClient.Response>> attempts = new ArrayList<>();
				for (ApiClient intake : intakeOnBothNodes) {
					attempts.add(pool.submit(() -> {
						together.await();
						return intake.complete(check, "{\"complete\": true}");
					}));
				}
				together.countDown();
				List<Integer> statuses = new ArrayList<>();
				for (Future<ApiClient.Response> attempt : attempts) {
					statuses.add(attempt.get(30, TimeUnit.SECONDS).status());
				}
				assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
				assertThat(completionsOf(check)).as("round " + round).isEqualTo(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
		JsonNode verified = client(nodeTwo, "admin").get("/api/v1/audit/verify").json();
		assertThat(verified.get("valid").asBoolean()).as("%s", verified).isTrue();
	}

	private static long completionsOf(String taskId) {
		return nodeOne.getBean(JdbcClient.class)
			.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'TASK_COMPLETED' AND payload::jsonb ->> 'taskId' = ?")
			.param(taskId)
			.query(Long.class)
			.single();
	}

	/**
	 * The log-in throttle's counts are in PostgreSQL: an account that failed too often on
	 * one node is refused on the other, through HTTP Basic and the form alike, even with
	 * the right password.
	 */
	@Test
	void failedLogInsOnOneNodeThrottleTheAccountOnTheOther() throws Exception {
		String account = "cooperation";
		JdbcClient database = nodeOne.getBean(JdbcClient.class);
		try {
			for (int i = 0; i < 30; i++) {
				withBasic(nodeOne, account, "wrong-" + i);
			}

			HttpResponse<String> right = withBasic(nodeTwo, account, "demo");
			assertThat(right.statusCode()).as("the right password on the other node").isEqualTo(429);
			assertThat(right.headers().firstValue("Retry-After")).isPresent();
			HttpResponse<String> form = BrowserSession.failLogIn(rootUri(nodeTwo), account, "demo");
			assertThat(form.headers().firstValue("Location"))
				.hasValueSatisfying(location -> assertThat(location).contains("/login?throttled="));
			assertThat(database.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'LOGIN_THROTTLED'")
				.query(Long.class)
				.single()).as("one audit entry for the throttling, none per failure").isEqualTo(1L);
		}
		finally {
			database.sql("DELETE FROM app.login_attempt WHERE username = ?").param(account).update();
			database.sql("DELETE FROM app.login_throttle WHERE scope = 'ACCOUNT' AND key = ?").param(account).update();
		}
	}

	/**
	 * One call with HTTP Basic by a client that does not retry: Apache's client behind
	 * TestRestTemplate would honour a 429's Retry-After and wait the throttle out.
	 */
	private static HttpResponse<String> withBasic(ConfigurableApplicationContext node, String username, String password)
			throws Exception {
		String credentials = java.util.Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(rootUri(node) + "/api/v1/tasks"))
				.header("Authorization", "Basic " + credentials)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static ApiClient client(ConfigurableApplicationContext node, String username) {
		return new ApiClient(new TestRestTemplate(new RestTemplateBuilder().rootUri(rootUri(node))), username);
	}

	private static String rootUri(ConfigurableApplicationContext node) {
		return "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
	}

	private static ConfigurableApplicationContext start(String name, String... more) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				// the test configuration turns the job executor off for the shared
				// context; a node of an installation runs its own
				"--camunda.bpm.job-execution.enabled=true",
				// Camunda's engine registry is static and keyed by name (no hyphens):
				// one name per node, neither the shared test context's 'default'
				"--camunda.bpm.process-engine-name=" + name));
		args.addAll(List.of(more));
		// arguments, not builder properties: those are defaults, which the test
		// configuration file overrides
		return new SpringApplicationBuilder(TobiraApplication.class).run(args.toArray(String[]::new));
	}

}
