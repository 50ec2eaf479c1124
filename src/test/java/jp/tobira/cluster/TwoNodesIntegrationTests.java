package jp.tobira.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraApplication;
import jp.tobira.api.ApiClient;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.audit.AuditVerifier;
import jp.tobira.audit.ChainVerification;
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

	private static final Logger log = LoggerFactory.getLogger(TwoNodesIntegrationTests.class);

	static final int ROUNDS = 5;

	/** Cases whose lapse timers are due at the same moment on both nodes. */
	static final int TIMERS = 6;

	/** The job lock of the test's nodes; the default is five minutes. */
	static final long LOCK_MILLIS = 2000;

	/** Cases whose timer runs twice by outliving its lock, per kind of timer. */
	static final int OUTLIVING_ROUNDS = 3;

	static final Duration WAIT = Duration.ofSeconds(60);

	static ConfigurableApplicationContext nodeOne;

	static ConfigurableApplicationContext nodeTwo;

	/** The SMTP server both nodes send through, each with its own outbox sender. */
	static GreenMail smtp;

	@BeforeAll
	static void startTwoNodesOnOneDatabase() throws Exception {
		int smtpPort;
		try (ServerSocket free = new ServerSocket(0)) {
			smtpPort = free.getLocalPort();
		}
		smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
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
		if (smtp != null) {
			smtp.stop();
		}
	}

	/**
	 * Both nodes write audit entries at once and each links on its own thread, under the
	 * one chain head: every entry of both is linked once, in one gapless chain that
	 * verifies, without a reader linking on their behalf.
	 */
	@Test
	void bothNodesWriteAuditEntriesAtOnceAndEachIsLinkedOnceIntoOneValidChain() throws Exception {
		int writers = 8;
		int each = 25;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Future<?>> writes = new ArrayList<>();
		for (int t = 0; t < writers; t++) {
			AuditLog auditLog = (t % 2 == 0 ? nodeOne : nodeTwo).getBean(AuditLog.class);
			int writer = t;
			writes.add(pool.submit(() -> {
				for (int k = 0; k < each; k++) {
					auditLog.append("two-nodes-" + writer, null, AuditKind.CONFIGURATION_CHANGED, Map.of("k", k));
				}
				return null;
			}));
		}
		for (Future<?> write : writes) {
			write.get();
		}
		pool.shutdown();

		JdbcClient database = nodeOne.getBean(JdbcClient.class);
		awaitUntil(() -> database
			.sql("SELECT count(*) FROM app.audit_entry WHERE actor LIKE 'two-nodes-%' AND seq IS NULL")
			.query(Long.class)
			.single() == 0);
		assertThat(database.sql("SELECT count(DISTINCT seq) FROM app.audit_entry WHERE actor LIKE 'two-nodes-%'")
			.query(Long.class)
			.single()).as("each entry linked once, at a place of its own").isEqualTo(writers * each);
		ChainVerification verified = nodeTwo.getBean(AuditVerifier.class).verify();
		assertThat(verified.valid()).as(String.valueOf(verified.reason())).isTrue();
	}

	/**
	 * Both nodes run the outbox's sender against one SMTP server, each every 200 ms: the
	 * issuer's e-mail of a request for information, written on one node, arrives once.
	 */
	@Test
	void bothNodesSendTheOutboxAndAMessageArrivesOnce() throws Exception {
		ApiClient issuerOnOne = client(nodeOne, "issuer");
		ApiClient intakeOnTwo = client(nodeTwo, "intake");
		ApiClient.Case submitted = issuerOnOne.submitCanonical();

		assertThat(intakeOnTwo
			.complete(intakeOnTwo.taskId(submitted.reference(), "checkCompleteness"),
					"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"Unsigned.\"}")
			.status()).isEqualTo(200);

		JdbcClient database = nodeOne.getBean(JdbcClient.class);
		String unsent = "SELECT count(*) FROM app.outbox WHERE reference = ? AND sent_at IS NULL";
		awaitUntil(() -> database.sql("SELECT count(*) FROM app.outbox WHERE reference = ?")
			.param(submitted.reference())
			.query(Long.class)
			.single() > 0 && database.sql(unsent).param(submitted.reference()).query(Long.class).single() == 0);
		// sent and marked: a row is sent by whoever holds its lease, and once marked no
		// sender picks it up again
		List<String> arrived = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getSubject().contains(submitted.reference())) {
				arrived.add(message.getMessageID());
			}
		}
		long written = database.sql("SELECT count(*) FROM app.outbox WHERE reference = ?")
			.param(submitted.reference())
			.query(Long.class)
			.single();
		log.info("two senders: {} message(s) written for {}, {} arrived", written, submitted.reference(),
				arrived.size());
		assertThat(arrived).as("each message once, though both nodes send")
			.hasSize((int) written)
			.doesNotHaveDuplicates();
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

	/**
	 * Several cases wait for the issuer's answer to a request for information; the engine
	 * clock (one for the JVM, so both nodes read it) moves past the thirty days, and both
	 * job executors race for the lapse timers. Each case lapses once: one TIMER_FIRED,
	 * one APPLICATION_LAPSED, one status change; the engine's acquisition locks each job
	 * to one node with an optimistic update of its row.
	 */
	@Test
	void aDueTimerFiresOnceWhileBothJobExecutorsRace() {
		List<String> asked = new ArrayList<>();
		for (int i = 0; i < TIMERS; i++) {
			asked.add(caseAwaitingAnAnswer());
		}
		long started = System.nanoTime();
		try {
			ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(31))));
			awaitUntil(() -> asked.stream().allMatch(TwoNodesIntegrationTests::settled));
		}
		finally {
			ClockUtil.reset();
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		for (String reference : asked) {
			assertThat(statusOf(reference)).as(reference).isEqualTo("LAPSED");
			assertThat(auditCount(reference, "TIMER_FIRED")).as(reference).isEqualTo(1);
			assertThat(auditCount(reference, "APPLICATION_LAPSED")).as(reference).isEqualTo(1);
			assertThat(TimerRuns.finishedFor(reference)).as(reference).filteredOn(TimerRuns.Run::committed).hasSize(1);
		}
		Map<String, Long> byNode = asked.stream()
			.flatMap(reference -> TimerRuns.finishedFor(reference).stream())
			.filter(TimerRuns.Run::committed)
			.collect(Collectors.groupingBy(TimerRuns.Run::node, TreeMap::new, Collectors.counting()));
		long runs = asked.stream().mapToLong(reference -> TimerRuns.startedFor(reference).size()).sum();
		log.info("{} due lapse timers on two nodes: fired once each in {} ms, {} runs, committed by node {}", TIMERS,
				millis, runs, byNode);
		assertVerified();
	}

	/**
	 * camunda-bpm-platform#2666: a job that runs longer than its lock is acquired again
	 * when the lock expires, and runs a second time while the first run is still going.
	 * Here the first run of a lapse timer is held in its first step until a second run
	 * has started; the clock moves past the first run's lock meanwhile. Both runs do the
	 * step, but every effect of it (the audit entries, the case's status, the closed
	 * request) is written in the job's own transaction, and only one can commit: the run
	 * that comes second under the case's row lock finds the case lapsed already and its
	 * transition is refused, or, if it is the run holding the job's older revision, it
	 * fails the engine's optimistic check (below) first. Either way it rolls back with
	 * everything it wrote.
	 */
	@Test
	void aLapseTimerThatOutlivesItsJobLockTakesEffectOnce() {
		for (int round = 1; round <= OUTLIVING_ROUNDS; round++) {
			String reference = caseAwaitingAnAnswer();
			runTwiceByOutlivingTheLock(reference);

			assertThat(statusOf(reference)).isEqualTo("LAPSED");
			assertThat(auditCount(reference, "TIMER_FIRED")).as(reference).isEqualTo(1);
			assertThat(auditCount(reference, "APPLICATION_LAPSED")).as(reference).isEqualTo(1);
			assertThat(nodeOne.getBean(JdbcClient.class)
				.sql("SELECT count(*) FROM app.rfi r JOIN app.application a ON a.id = r.application_id "
						+ "WHERE a.reference = ? AND r.closed_because = 'LAPSED'")
				.param(reference)
				.query(Long.class)
				.single()).as("the request for information closed once").isEqualTo(1);
		}
		assertVerified();
	}

	/**
	 * The escalation step has no guard of its own (it sets the escalation time and audits
	 * it, whatever was there): what holds is the engine's optimistic locking. The second
	 * acquisition raised the job row's revision, and the engine deletes the fired job
	 * with a check of the revision it read: the run holding the older revision fails that
	 * check and rolls back with everything it wrote, whichever finishes first.
	 */
	@Test
	void anEscalationTimerThatOutlivesItsJobLockTakesEffectOnce() {
		for (int round = 1; round <= OUTLIVING_ROUNDS; round++) {
			String reference = caseAwaitingTheHomeReply();
			runTwiceByOutlivingTheLock(reference);

			assertThat(auditCount(reference, "TIMER_FIRED")).as(reference).isEqualTo(1);
			assertThat(auditCount(reference, "ESCALATED")).as(reference).isEqualTo(1);
			JdbcClient database = nodeOne.getBean(JdbcClient.class);
			assertThat(database
				.sql("SELECT count(*) FROM app.application WHERE reference = ? AND escalated_at IS NOT NULL")
				.param(reference)
				.query(Long.class)
				.single()).isEqualTo(1);
			assertThat(database
				.sql("SELECT count(*) FROM act_ru_identitylink l JOIN act_ru_task t ON t.id_ = l.task_id_ "
						+ "JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_ "
						+ "WHERE e.business_key_ = ? AND t.task_def_key_ = 'recordHomeReply' AND l.group_id_ = 'decision'")
				.param(reference)
				.query(Long.class)
				.single()).as("the reply task opened to the decision group once").isEqualTo(1);
		}
		assertVerified();
	}

	/**
	 * Moves the clock to the case's timer, holds the run that picks it up until the clock
	 * has passed that run's lock and a second run of the same job has started, then waits
	 * until both have committed or rolled back: exactly one may commit.
	 */
	private static void runTwiceByOutlivingTheLock(String reference) {
		Instant due = Instant.now().plus(Duration.ofDays(46));
		TimerRuns.holdTheNextRunUntilASecondStarts();
		long started = System.nanoTime();
		try {
			ClockUtil.setCurrentTime(Date.from(due));
			awaitUntil(() -> TimerRuns.startedFor(reference).size() == 1);
			// the first run is still in its step when its lock runs out
			ClockUtil.setCurrentTime(Date.from(due.plusMillis(LOCK_MILLIS).plusSeconds(1)));
			awaitUntil(() -> TimerRuns.startedFor(reference).size() >= 2);
			awaitUntil(() -> settled(reference));
		}
		finally {
			TimerRuns.release();
			ClockUtil.reset();
		}
		List<TimerRuns.Run> runs = TimerRuns.finishedFor(reference);
		log.info("{}: a timer outliving its {} ms lock ran on {}, finished {} in {} ms", reference, LOCK_MILLIS,
				TimerRuns.startedFor(reference).stream().map(TimerRuns.Run::node).toList(), runs,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		assertThat(runs).as("the job ran a second time").hasSizeGreaterThanOrEqualTo(2);
		assertThat(runs).as("one run committed, the others rolled back")
			.filteredOn(TimerRuns.Run::committed)
			.hasSize(1);
	}

	/**
	 * A case of node one's issuer whose completeness check asked for more information.
	 */
	private static String caseAwaitingAnAnswer() {
		ApiClient.Case submitted = client(nodeOne, "issuer").submitCanonical();
		ApiClient intake = client(nodeTwo, "intake");
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		assertThat(intake.complete(check,
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"The audit report is unsigned.\"}")
			.status()).isEqualTo(200);
		return submitted.reference();
	}

	/** A case whose home regulator was asked for confirmation, its reply awaited. */
	private static String caseAwaitingTheHomeReply() {
		ApiClient.Case submitted = client(nodeOne, "issuer").submitCanonical();
		ApiClient intake = client(nodeTwo, "intake");
		assertThat(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}")
			.status()).isEqualTo(200);
		ApiClient cooperation = client(nodeOne, "cooperation");
		assertThat(cooperation
			.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"), "{\"sent\": true}")
			.status()).isEqualTo(200);
		return submitted.reference();
	}

	/**
	 * No timer job of the case is left (its timer fired and the firing committed) and
	 * every run of it that started has committed or rolled back.
	 */
	private static boolean settled(String reference) {
		boolean fired = nodeOne.getBean(JdbcClient.class)
			.sql("SELECT count(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_ "
					+ "WHERE e.business_key_ = ? AND j.type_ = 'timer'")
			.param(reference)
			.query(Long.class)
			.single() == 0;
		return fired && !TimerRuns.startedFor(reference).isEmpty()
				&& TimerRuns.finishedFor(reference).size() == TimerRuns.startedFor(reference).size();
	}

	private static String statusOf(String reference) {
		return nodeTwo.getBean(JdbcClient.class)
			.sql("SELECT status FROM app.application WHERE reference = ?")
			.param(reference)
			.query(String.class)
			.single();
	}

	private static long auditCount(String reference, String kind) {
		return nodeTwo.getBean(JdbcClient.class)
			.sql("SELECT count(*) FROM app.audit_entry WHERE case_reference = ? AND kind = ?")
			.params(reference, kind)
			.query(Long.class)
			.single();
	}

	private static void assertVerified() {
		JsonNode verified = client(nodeTwo, "admin").get("/api/v1/audit/verify").json();
		assertThat(verified.get("valid").asBoolean()).as("%s", verified).isTrue();
	}

	/** Polls every 50 ms, for at most {@link #WAIT}. */
	private static void awaitUntil(BooleanSupplier condition) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within " + WAIT);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
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
				// an idle job executor looks for due jobs again within half a second
				// (not the default's up to a minute), so a test waits for a timer briefly
				"--camunda.bpm.job-execution.wait-time-in-millis=100", "--camunda.bpm.job-execution.max-wait=500",
				// one job per acquisition, so the two nodes compete for every due timer
				"--camunda.bpm.job-execution.max-jobs-per-acquisition=1",
				// a tiny lock: aTimerStepThatOutlivesItsJobLockTakesEffectOnce
				"--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_MILLIS,
				// Camunda's engine registry is static and keyed by name (no hyphens):
				// one name per node, neither the shared test context's 'default'
				"--camunda.bpm.process-engine-name=" + name,
				// each node sends the outbox, often, to the test's SMTP server
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort(),
				"--tobira.notifications.send-interval=PT0.2S"));
		args.addAll(List.of(more));
		// arguments, not builder properties: those are defaults, which the test
		// configuration file overrides
		return new SpringApplicationBuilder(TobiraApplication.class).initializers(TimerRuns::watch)
			.run(args.toArray(String[]::new));
	}

}
