package jp.tobira.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;

/**
 * The packaged application killed with SIGKILL in the middle of a burst of work, then
 * restarted, three times over, on a PostgreSQL server that lives in the test's JVM and so
 * survives every kill. Several clients work at once: two issuers create drafts, upload
 * their eight documents and submit; an intake officer claims and completes completeness
 * checks (of even-numbered cases only: the odd ones wait for after the crash); a
 * cooperation officer claims and sends confirmation requests, which start the home
 * regulator's reply timer (20 seconds here, so it falls due while the application is
 * down).
 *
 * <p>
 * After each restart: every request that was answered 2xx is in the database (drafts,
 * documents with the SHA-256 the client computed, submissions, claims, completions);
 * nothing exists half (a submitted case without its process instance or open task, a
 * process without its case, a document without its case or its audit entry); the timers
 * that fell due while the application was down fire once each; a case that waited through
 * the crash moves on; the audit chain verifies.
 */
class CrashIntegrationTests {

	static final int TRIALS = 3;

	static final Duration HOME_REPLY_TIMER = Duration.ofSeconds(20);

	static EmbeddedPostgres postgres;

	static JdbcClient database;

	static PackagedApplication application;

	/** What the clients were told was done: a 2xx response. */
	final Queue<Draft> drafts = new ConcurrentLinkedQueue<>();

	final Queue<Upload> uploads = new ConcurrentLinkedQueue<>();

	final Queue<Draft> submissions = new ConcurrentLinkedQueue<>();

	final Queue<TaskAction> claims = new ConcurrentLinkedQueue<>();

	final Queue<TaskAction> completions = new ConcurrentLinkedQueue<>();

	/** Responses other than 2xx or the death of the server: none expected. */
	final Queue<String> unexpected = new ConcurrentLinkedQueue<>();

	@BeforeAll
	static void startDatabaseAndApplication() throws Exception {
		postgres = EmbeddedPostgres.builder()
			// the defaults are for throw-away databases; these are the application's own
			// (database/EmbeddedDatabaseConfiguration)
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("full_page_writes", "on")
			.start();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE tobira");
		}
		DataSource tobira = postgres.getDatabase("postgres", "tobira");
		database = JdbcClient.create(tobira);
		application = new PackagedApplication(postgres.getJdbcUrl("postgres", "tobira"), "postgres", "",
				Path.of("target/crash-test/application.log"), "--tobira.demo.enabled=true", "--tobira.demo.cases=false",
				"--tobira.timers.home-reply=" + HOME_REPLY_TIMER,
				// a burst of uploads by one organisation is the point here, not the
				// rate limit
				"--tobira.documents.upload-rate.limit=100000",
				// the job executor looks for due jobs at least every 5 s, also after an
				// idle spell (the engine's default backs off to 60 s)
				"--camunda.bpm.job-execution.max-wait=5000");
		Duration firstStart = application.start();
		System.out.printf("crash test: first start (schema created) to health UP in %d ms (%d ms CPU)%n",
				firstStart.toMillis(), application.cpu().toMillis());
	}

	@AfterAll
	static void stopApplicationAndDatabase() throws Exception {
		if (application != null) {
			application.stop();
		}
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void everyAcknowledgedRequestSurvivesAKillMidBurstAndNothingIsLeftHalfDone() throws Exception {
		String base = application.baseUri();
		Map<String, HttpApi> users = new ConcurrentHashMap<>();
		for (String user : List.of("issuer", "issuer2", "intake", "cooperation", "admin")) {
			users.put(user, HttpApi.withToken(base, user));
		}
		Random random = new Random(12);
		List<String> figures = new ArrayList<>();
		for (int trial = 1; trial <= TRIALS; trial++) {
			int acknowledgedBefore = acknowledged();
			int completionsBefore = completions.size();
			int submissionsBefore = submissions.size();
			AtomicBoolean stop = new AtomicBoolean();
			AtomicInteger lostInFlight = new AtomicInteger();
			List<Thread> clients = List.of(client(() -> issue(users.get("issuer"), stop, lostInFlight), "issuer"),
					client(() -> issue(users.get("issuer2"), stop, lostInFlight), "issuer2"),
					client(() -> work(users.get("intake"), "checkCompleteness", "{\"complete\": true}", stop,
							lostInFlight), "intake"),
					client(() -> work(users.get("cooperation"), "requestHomeConfirmation", "{\"sent\": true}", stop,
							lostInFlight), "cooperation"));
			clients.forEach(Thread::start);

			int minimum = 40 + 15 * trial;
			awaitTrue(Duration.ofSeconds(120), "the burst of trial " + trial + " to get going",
					() -> acknowledged() - acknowledgedBefore >= minimum
							&& completions.stream()
								.skip(completionsBefore)
								.anyMatch(completion -> completion.taskKey().equals("requestHomeConfirmation"))
							&& submissions.stream()
								.skip(submissionsBefore)
								.anyMatch(CrashIntegrationTests::leftForLater));
			Thread.sleep(random.nextInt(400));
			int acknowledgedAtKill = acknowledged() - acknowledgedBefore;
			application.kill();
			Instant killedAt = Instant.now();
			stop.set(true);
			for (Thread client : clients) {
				client.join(Duration.ofSeconds(60).toMillis());
				assertThat(client.isAlive()).as(client.getName() + " still working after the kill").isFalse();
			}

			Duration restart = application.start();
			Duration restartCpu = application.cpu();
			assertThat(unexpected).as("responses other than 2xx, or failures other than the server's death").isEmpty();
			assertEveryAcknowledgedRequestIsThere();
			assertNothingExistsHalf();
			int firedAfterRestart = assertDueTimersFireOnceAfterTheRestart(killedAt);
			int movedOn = assertCasesThatWaitedThroughTheCrashMoveOn(users.get("intake"));
			JsonNode verified = users.get("admin").get("/api/v1/audit/verify").json();
			assertThat(verified.get("valid").asBoolean()).as("the audit chain after trial %d: %s", trial, verified)
				.isTrue();

			String figure = ("trial %d: %d requests acknowledged before the SIGKILL (%d more by the end of the burst), "
					+ "%d in flight lost; restart to health UP %d ms (%d ms CPU); %d timers fired after the restart, %d cases "
					+ "moved on after it; audit chain valid with %d entries")
				.formatted(trial, acknowledgedAtKill, acknowledged() - acknowledgedBefore - acknowledgedAtKill,
						lostInFlight.get(), restart.toMillis(), restartCpu.toMillis(), firedAfterRestart, movedOn,
						verified.get("entries").asLong());
			System.out.println("crash test: " + figure);
			figures.add(figure);
		}
		System.out.printf(
				"crash test: in all %d drafts, %d documents, %d submissions, %d claims, %d completions acknowledged "
						+ "and found after %d kills%n",
				drafts.size(), uploads.size(), submissions.size(), claims.size(), completions.size(), TRIALS);
		assertThat(figures).hasSize(TRIALS);
	}

	private int acknowledged() {
		return drafts.size() + uploads.size() + submissions.size() + claims.size() + completions.size();
	}

	/**
	 * An issuer's day: a draft, its eight documents, its submission, over and over.
	 */
	private void issue(HttpApi issuer, AtomicBoolean stop, AtomicInteger lostInFlight) {
		try {
			while (!stop.get()) {
				HttpApi.Response created = issuer.postJson("/api/v1/applications", Fixtures.exampleJson());
				if (!expect(created, 201, "create")) {
					return;
				}
				Draft draft = new Draft(created.json().get("id").asText(), created.json().get("reference").asText());
				drafts.add(draft);
				for (String type : jp.tobira.api.ApiClient.REQUIRED_DOCUMENTS) {
					byte[] pdf = Fixtures.pdf(draft.reference() + " " + type);
					HttpApi.Response uploaded = issuer.uploadPdf(draft.id(), type, type.toLowerCase() + ".pdf", pdf);
					if (!expect(uploaded, 201, "upload")) {
						return;
					}
					uploads.add(new Upload(uploaded.json().get("id").asText(), draft.id(), HttpApi.sha256(pdf),
							uploaded.json().get("sha256").asText()));
				}
				HttpApi.Response submitted = issuer.post("/api/v1/applications/" + draft.id() + "/submit");
				if (!expect(submitted, 200, "submit")) {
					return;
				}
				submissions.add(draft);
			}
		}
		catch (java.net.ConnectException ex) {
			// the server was already gone: the request was never sent
		}
		catch (IOException ex) {
			// sent, and the server died before it answered
			lostInFlight.incrementAndGet();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A reviewer's day: claim the open tasks of one kind and complete them. The intake
	 * officer leaves odd-numbered cases for after the crash.
	 */
	private void work(HttpApi reviewer, String taskKey, String outcome, AtomicBoolean stop,
			AtomicInteger lostInFlight) {
		try {
			while (!stop.get()) {
				boolean worked = false;
				for (JsonNode task : reviewer.get("/api/v1/tasks?size=200").json()) {
					if (stop.get()) {
						return;
					}
					String reference = task.get("reference").asText();
					if (!task.get("taskKey").asText().equals(taskKey)
							|| (taskKey.equals("checkCompleteness") && leftForLater(reference))) {
						continue;
					}
					String id = task.get("id").asText();
					if (task.get("assignee") == null || task.get("assignee").isNull()) {
						if (!expect(reviewer.post("/api/v1/tasks/" + id + "/claim"), 200, "claim")) {
							return;
						}
						claims.add(new TaskAction(id, taskKey, reference));
					}
					if (!expect(reviewer.postJson("/api/v1/tasks/" + id + "/complete", outcome), 200, "complete")) {
						return;
					}
					completions.add(new TaskAction(id, taskKey, reference));
					worked = true;
				}
				if (!worked) {
					Thread.sleep(50);
				}
			}
		}
		catch (java.net.ConnectException ex) {
			// the server was already gone: the request was never sent
		}
		catch (IOException ex) {
			// sent, and the server died before it answered
			lostInFlight.incrementAndGet();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean expect(HttpApi.Response response, int status, String what) {
		if (response.status() == status || (status == 200 && response.status() == 204)) {
			return true;
		}
		unexpected.add(what + ": " + response);
		return false;
	}

	private static boolean leftForLater(Draft draft) {
		return leftForLater(draft.reference());
	}

	private static boolean leftForLater(String reference) {
		return (reference.charAt(reference.length() - 1) - '0') % 2 == 1;
	}

	private void assertEveryAcknowledgedRequestIsThere() {
		for (Draft draft : drafts) {
			assertThat(database.sql("SELECT reference FROM app.application WHERE id = ?::uuid")
				.param(draft.id())
				.query(String.class)
				.optional()).as("acknowledged draft %s", draft).contains(draft.reference());
		}
		for (Upload upload : uploads) {
			assertThat(upload.answeredSha256()).as("the SHA-256 the server answered for %s", upload)
				.isEqualTo(upload.sha256());
			Map<String, Object> stored = database
				.sql("SELECT application_id::text AS application, sha256, encode(sha256(content), 'hex') AS actual "
						+ "FROM app.document WHERE id = ?::uuid")
				.param(upload.id())
				.query()
				.singleRow();
			assertThat(stored).as("acknowledged document %s", upload)
				.containsEntry("application", upload.applicationId())
				.containsEntry("sha256", upload.sha256())
				.containsEntry("actual", upload.sha256());
		}
		for (Draft submitted : submissions) {
			assertThat(
					database.sql("SELECT status FROM app.application WHERE id = ?::uuid AND submitted_at IS NOT NULL")
						.param(submitted.id())
						.query(String.class)
						.optional())
				.as("acknowledged submission of %s", submitted)
				.hasValueSatisfying(status -> {
					assertThat(status).isIn("SUBMITTED", "IN_REVIEW");
				});
		}
		for (TaskAction claim : claims) {
			assertThat(database.sql("SELECT assignee_ FROM act_hi_taskinst WHERE id_ = ?")
				.param(claim.taskId())
				.query(String.class)
				.optional()).as("acknowledged claim %s", claim)
				.contains(claim.taskKey().equals("checkCompleteness") ? "intake" : "cooperation");
		}
		for (TaskAction completion : completions) {
			assertThat(
					database.sql("SELECT delete_reason_ FROM act_hi_taskinst WHERE id_ = ? AND end_time_ IS NOT NULL")
						.param(completion.taskId())
						.query(String.class)
						.optional())
				.as("acknowledged completion %s", completion)
				.contains("completed");
			assertThat(database
				.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'TASK_COMPLETED' "
						+ "AND payload::jsonb ->> 'taskId' = ?")
				.param(completion.taskId())
				.query(Long.class)
				.single()).as("the audit entry of completion %s", completion).isEqualTo(1L);
		}
	}

	/**
	 * Whatever was in flight at the kill either happened whole or not at all: the case,
	 * its process and its audit entries commit together, or none of them.
	 */
	private void assertNothingExistsHalf() {
		assertThat(references("""
				SELECT a.reference FROM app.application a
				WHERE a.status IN ('SUBMITTED', 'IN_REVIEW')
				  AND NOT EXISTS (SELECT 1 FROM act_ru_execution e
				                  WHERE e.id_ = e.proc_inst_id_ AND e.business_key_ = a.reference)"""))
			.as("submitted cases without their process instance")
			.isEmpty();
		assertThat(references("""
				SELECT a.reference FROM app.application a
				WHERE a.status IN ('SUBMITTED', 'IN_REVIEW')
				  AND NOT EXISTS (SELECT 1 FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
				                  WHERE e.business_key_ = a.reference)""")).as("submitted cases without an open task")
			.isEmpty();
		assertThat(references("""
				SELECT e.business_key_ FROM act_ru_execution e
				WHERE e.id_ = e.proc_inst_id_
				  AND NOT EXISTS (SELECT 1 FROM app.application a
				                  WHERE a.reference = e.business_key_ AND a.status <> 'DRAFT')"""))
			.as("process instances without their submitted case")
			.isEmpty();
		assertThat(references(
				"""
						SELECT a.reference FROM app.application a
						WHERE a.status <> 'DRAFT' AND (SELECT count(*) FROM app.audit_entry s
						                               WHERE s.case_reference = a.reference AND s.kind = 'APPLICATION_SUBMITTED') <> 1"""))
			.as("submitted cases without exactly one submission in the audit log")
			.isEmpty();
		assertThat(references("""
				SELECT a.reference FROM app.application a
				WHERE (SELECT count(*) FROM app.audit_entry c
				       WHERE c.case_reference = a.reference AND c.kind = 'APPLICATION_CREATED') <> 1"""))
			.as("cases without exactly one creation in the audit log")
			.isEmpty();
		assertThat(references("""
				SELECT d.id::text FROM app.document d LEFT JOIN app.application a ON a.id = d.application_id
				WHERE a.id IS NULL""")).as("documents without their case").isEmpty();
		assertThat(references(
				"""
						SELECT a.reference FROM app.application a
						WHERE (SELECT count(*) FROM app.document d WHERE d.application_id = a.id)
						   <> (SELECT count(*) FROM app.audit_entry s WHERE s.case_reference = a.reference AND s.kind = 'DOCUMENT_STORED')"""))
			.as("cases whose documents and audit entries for them differ in number")
			.isEmpty();
		assertThat(database.sql("SELECT count(*) FROM act_hi_taskinst WHERE delete_reason_ = 'completed'")
			.query(Long.class)
			.single())
			.as("completed tasks and completions in the audit log")
			.isEqualTo(database.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'TASK_COMPLETED'")
				.query(Long.class)
				.single());
	}

	/**
	 * The home regulator's reply timers of every acknowledged confirmation request fire,
	 * once each, those that fell due while the application was down by the restarted one;
	 * none fails.
	 * @return how many fired after the restart
	 */
	private int assertDueTimersFireOnceAfterTheRestart(Instant killedAt) throws InterruptedException {
		List<String> requested = completions.stream()
			.filter(completion -> completion.taskKey().equals("requestHomeConfirmation"))
			.map(TaskAction::reference)
			.distinct()
			.toList();
		String[] references = requested.toArray(String[]::new);
		awaitTrue(Duration.ofSeconds(90), "every home regulator's reply timer to fire",
				() -> database
					.sql("SELECT count(DISTINCT case_reference) FROM app.audit_entry "
							+ "WHERE kind = 'ESCALATED' AND case_reference = ANY(?)")
					.param(references)
					.query(Long.class)
					.single() == requested.size());
		assertThat(references("""
				SELECT case_reference FROM app.audit_entry WHERE kind IN ('TIMER_FIRED', 'ESCALATED')
				GROUP BY case_reference, kind HAVING count(*) > 1""")).as("timers that fired more than once").isEmpty();
		assertThat(references("SELECT id_ FROM act_ru_job WHERE exception_msg_ IS NOT NULL")).as("failed jobs")
			.isEmpty();
		return database
			.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'TIMER_FIRED' AND case_reference = ANY(?) "
					+ "AND occurred_at > ?")
			.param(references)
			.param(java.sql.Timestamp.from(killedAt))
			.query(Long.class)
			.single()
			.intValue();
	}

	/**
	 * The completeness checks the intake officer left for later, open through the crash,
	 * are completed after it: each case enters the review and has its next task.
	 * @return how many
	 */
	private int assertCasesThatWaitedThroughTheCrashMoveOn(HttpApi intake) throws Exception {
		List<String> waiting = new ArrayList<>();
		for (JsonNode task : intake.get("/api/v1/tasks?size=200").json()) {
			if (task.get("taskKey").asText().equals("checkCompleteness")) {
				String id = task.get("id").asText();
				String reference = task.get("reference").asText();
				if (task.get("assignee") == null || task.get("assignee").isNull()) {
					assertThat(intake.post("/api/v1/tasks/" + id + "/claim").ok()).isTrue();
				}
				HttpApi.Response completed = intake.postJson("/api/v1/tasks/" + id + "/complete",
						"{\"complete\": true}");
				assertThat(completed.status()).as("completing %s after the restart: %s", reference, completed)
					.isEqualTo(200);
				completions.add(new TaskAction(id, "checkCompleteness", reference));
				waiting.add(reference);
			}
		}
		assertThat(waiting).as("cases left for after the crash").isNotEmpty();
		assertThat(references("""
				SELECT a.reference FROM app.application a
				WHERE a.reference = ANY(?) AND (a.status <> 'IN_REVIEW' OR NOT EXISTS (
				    SELECT 1 FROM act_ru_task t JOIN act_ru_execution e ON e.id_ = t.proc_inst_id_
				    WHERE e.business_key_ = a.reference AND t.task_def_key_ = 'requestHomeConfirmation'))""",
				(Object) waiting.toArray(String[]::new)))
			.as("cases that did not move on to the review")
			.isEmpty();
		return waiting.size();
	}

	private static List<String> references(String sql, Object... params) {
		JdbcClient.StatementSpec statement = database.sql(sql);
		for (Object param : params) {
			statement = statement.param(param);
		}
		return statement.query(String.class).list();
	}

	private static Thread client(Runnable work, String name) {
		Thread thread = new Thread(work, "crash-test-" + name);
		thread.setDaemon(true);
		return thread;
	}

	private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("waited " + timeout + " for " + what);
			}
			Thread.sleep(100);
		}
	}

	record Draft(String id, String reference) {
	}

	record Upload(String id, String applicationId, String sha256, String answeredSha256) {
	}

	record TaskAction(String taskId, String taskKey, String reference) {
	}

}
