package jp.tobira.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.Applications;
import jp.tobira.application.DocumentService;
import jp.tobira.process.CaseDriver;
import jp.tobira.process.TaskDueReminders;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;
import jp.tobira.security.Users;

/**
 * Notifications against a real SMTP server (GreenMail on a free port): each message is
 * written to the outbox in the transaction of the change that causes it, in its
 * recipient's language, and sent once; with the server down the outbox keeps it and sends
 * it when the server is back; two senders on one database never send one twice. The
 * application's own sender is off here (no {@code spring.mail.host}): each test makes the
 * senders it needs, pointed at its server, with the clock it needs.
 */
@TobiraIntegrationTest
class NotificationsIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	ApplicationService applicationService;

	@Autowired
	DocumentService documents;

	@Autowired
	Applications repository;

	@Autowired
	ReviewTasks tasks;

	@Autowired
	Organisations organisations;

	@Autowired
	Users users;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	@Autowired
	NotificationSettings settings;

	@Autowired
	TaskDueReminders reminders;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Clock clock;

	@Autowired
	TestRestTemplate rest;

	CaseDriver cases;

	int port;

	GreenMail smtp;

	/** A second user of the demo issuer's organisation, reading Japanese. */
	String japaneseIssuer;

	@BeforeEach
	void setUp() throws IOException {
		cases = new CaseDriver(applicationService, documents, repository, tasks, engine, organisations);
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		smtp = startSmtp();
		jdbc.sql("DELETE FROM app.notification_opt_out WHERE username IN ('issuer', 'intake', 'decision2')").update();
		japaneseIssuer = "issuer-ja-" + UUID.randomUUID().toString().substring(0, 8);
		transaction.executeWithoutResult(status -> {
			users.create(japaneseIssuer, "{noop}unused", "日本 花子", cases.issuer.organisationId(), Set.of(Group.ISSUER));
			users.saveLocale(japaneseIssuer, "ja");
			users.saveEmail(japaneseIssuer, japaneseIssuer + "@example.jp");
		});
	}

	@AfterEach
	void tearDown() {
		smtp.stop();
		jdbc.sql("DELETE FROM app.users WHERE username = ?").param(japaneseIssuer).update();
		jdbc.sql("DELETE FROM app.notification_opt_out WHERE username IN ('issuer', 'intake', 'decision2')").update();
	}

	@Test
	void theIssuersRequestForInformationArrivesOnceInEachRecipientsLanguageWithTheReferenceAndALink() throws Exception {
		ApplicationId id = cases.submitted();
		String reference = cases.application(id).reference().value();
		assertThat(rowsFor(reference)).as("nothing is written before the request").isEmpty();

		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"The audit report is unsigned.\"}");

		assertThat(rowsFor(reference)).extracting(OutboxMessage::recipient, OutboxMessage::kind, OutboxMessage::locale)
			.containsExactlyInAnyOrder(
					org.assertj.core.groups.Tuple.tuple("issuer", NotificationKind.REQUEST_FOR_INFORMATION, "en"),
					org.assertj.core.groups.Tuple.tuple(japaneseIssuer, NotificationKind.REQUEST_FOR_INFORMATION,
							"ja"));
		OutboxSender sender = sender(clock);
		drain(sender);
		drain(sender);

		String link = "http://localhost:8080/cases/" + id.value();
		List<MimeMessage> english = receivedBy("issuer@demo.tobira.example", reference);
		assertThat(english).as("sent once, however often the sender runs").hasSize(1);
		assertThat(english.get(0).getSubject()).isEqualTo("Tobira: a request for information on " + reference);
		assertThat(text(english.get(0))).contains("Dear Example Trust compliance")
			.contains("more information on application " + reference)
			.contains(link);
		assertThat(english.get(0).getMessageID()).isEqualTo(rowOf(reference, "issuer").messageId());

		List<MimeMessage> japanese = receivedBy(japaneseIssuer + "@example.jp", reference);
		assertThat(japanese).hasSize(1);
		assertThat(japanese.get(0).getSubject()).isEqualTo("Tobira: 申請 " + reference + " について追加情報の提出依頼があります");
		assertThat(text(japanese.get(0))).contains("日本 花子 様").contains("追加情報の提出依頼").contains(link);
		assertThat(rowsFor(reference)).allSatisfy(row -> {
			assertThat(row.sent()).isTrue();
			assertThat(row.attempts()).isEqualTo(1);
		});
	}

	@Test
	void withTheServerDownTheOutboxKeepsTheMessageAndSendsItOnceTheServerIsBack() throws Exception {
		ApplicationId id = cases.submitted();
		String reference = cases.application(id).reference().value();
		smtp.stop();
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"Unsigned.\"}");

		drain(sender(clock));
		OutboxMessage failed = rowOf(reference, "issuer");
		assertThat(failed.sent()).isFalse();
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).isNotBlank();
		assertThat(failed.nextAttemptAt()).isAfter(clock.instant().plus(settings.backoffBase()).minusSeconds(5));

		// still down, an hour on: a second attempt, and the wait doubles
		Clock anHourOn = Clock.offset(clock, Duration.ofHours(1));
		drain(sender(anHourOn));
		OutboxMessage again = rowOf(reference, "issuer");
		assertThat(again.attempts()).isEqualTo(2);
		assertThat(Duration.between(anHourOn.instant(), again.nextAttemptAt())).isGreaterThan(settings.backoffAfter(1))
			.isLessThanOrEqualTo(settings.backoffAfter(2));

		smtp = startSmtp();
		drain(sender(anHourOn));
		assertThat(receivedBy("issuer@demo.tobira.example", reference)).as("not yet due: the backoff holds").isEmpty();

		Clock twoHoursOn = Clock.offset(clock, Duration.ofHours(2));
		drain(sender(twoHoursOn));
		drain(sender(twoHoursOn));
		assertThat(receivedBy("issuer@demo.tobira.example", reference)).hasSize(1);
		OutboxMessage sent = rowOf(reference, "issuer");
		assertThat(sent.sent()).isTrue();
		assertThat(sent.attempts()).isEqualTo(3);
	}

	@Test
	void twoSendersOnOneDatabaseNeverSendAMessageTwice() throws Exception {
		String reference = "NT-" + UUID.randomUUID().toString().substring(0, 8);
		int messages = 30;
		transaction.executeWithoutResult(status -> {
			for (int i = 0; i < messages; i++) {
				outbox.put("issuer", "race-" + i + "@example.org", "en", NotificationKind.DECISION,
						"Race " + reference + " " + i, "Body " + i, reference, null);
			}
		});
		NotificationSettings small = new NotificationSettings(settings.baseUrl(), settings.from(),
				settings.sendInterval(), 3, settings.backoffBase(), settings.backoffCap(), settings.lease());
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Callable<Integer>> nodes = new ArrayList<>();
			for (int node = 0; node < 2; node++) {
				OutboxSender sender = new OutboxSender(outbox, mailSender(), small, clock);
				nodes.add(() -> drain(sender));
			}
			int claimed = 0;
			for (Future<Integer> done : threads.invokeAll(nodes, 2, TimeUnit.MINUTES)) {
				claimed += done.get();
			}
			assertThat(claimed).isGreaterThanOrEqualTo(messages);
		}
		finally {
			threads.shutdownNow();
		}
		List<String> ids = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			ids.add(message.getMessageID());
		}
		assertThat(ids).as("no message twice").doesNotHaveDuplicates();
		assertThat(rowsFor(reference)).hasSize(messages).allSatisfy(row -> {
			assertThat(row.sent()).isTrue();
			assertThat(row.attempts()).isEqualTo(1);
			assertThat(ids).contains(row.messageId());
		});
	}

	@Test
	void aKindTurnedOffIsNotWrittenAndTheApiRefusesAKindTheUserCannotReceive() {
		ApiClient issuerApi = new ApiClient(rest, "issuer");
		ApiClient.Response refused = issuerApi.putJson("/api/v1/notification-preferences",
				"{\"kinds\": {\"TASK_ASSIGNED\": false}}");
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.body()).contains("kinds.TASK_ASSIGNED");
		assertThat(issuerApi.get("/api/v1/notification-preferences").json().get("kinds").toString()).isEqualTo(
				"{\"REQUEST_FOR_INFORMATION\":true,\"DECISION\":true,\"RESERVE_REPORT_DUE\":true,\"RESERVE_REPORT_OVERDUE\":true}");

		ApiClient.Response off = issuerApi.putJson("/api/v1/notification-preferences",
				"{\"kinds\": {\"REQUEST_FOR_INFORMATION\": false}}");
		assertThat(off.status()).as(off.toString()).isEqualTo(200);
		assertThat(off.json().get("email").asText()).isEqualTo("issuer@demo.tobira.example");
		assertThat(off.json().get("kinds").get("REQUEST_FOR_INFORMATION").asBoolean()).isFalse();
		assertThat(off.json().get("kinds").get("DECISION").asBoolean()).isTrue();
		assertThat(jdbc
			.sql("""
					SELECT count(*) FROM app.audit_entry WHERE actor = 'issuer' AND kind = 'NOTIFICATION_PREFERENCES_CHANGED'
					""")
			.query(Long.class)
			.single()).isPositive();

		ApplicationId id = cases.submitted();
		String reference = cases.application(id).reference().value();
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"Unsigned.\"}");
		assertThat(rowsFor(reference)).extracting(OutboxMessage::recipient)
			.as("the issuer turned it off; their colleague did not")
			.containsExactly(japaneseIssuer);
	}

	@Test
	void theIssuerIsToldOfTheDecision() {
		ApplicationId id = cases.submitted();
		String reference = cases.application(id).reference().value();
		cases.throughToDecision(id);
		cases.complete(cases.decision, id, "decide",
				"{\"decision\": \"REJECT\", \"reasons\": \"The home framework is under assessment.\"}");

		OutboxMessage english = rowOf(reference, "issuer");
		assertThat(english.kind()).isEqualTo(NotificationKind.DECISION);
		assertThat(english.subject()).isEqualTo("Tobira: the decision on " + reference);
		assertThat(english.body()).contains("rejected; the decision letter gives the reasons")
			.contains("http://localhost:8080/cases/" + id.value());
		assertThat(rowOf(reference, japaneseIssuer).body()).contains("却下されました");
	}

	@Test
	void aReviewerIsToldOfATaskSomeoneElseAssignedThemAndOfATaskDueTomorrowOnce() {
		ApplicationId id = cases.submitted();
		String reference = cases.application(id).reference().value();
		Task check = cases.task(id, "checkCompleteness");
		Actor admin = new Actor("admin", Set.of(Group.ADMIN), null);
		tasks.assign(admin, check.getId(), "intake");

		OutboxMessage assigned = rowOf(reference, "intake");
		assertThat(assigned.kind()).isEqualTo(NotificationKind.TASK_ASSIGNED);
		assertThat(assigned.subject()).isEqualTo("Tobira: Check completeness on " + reference + " is assigned to you");
		assertThat(assigned.body()).contains("admin assigned the task")
			.contains("http://localhost:8080/tasks/" + check.getId());

		LocalDate due = LocalDate.ofInstant(cases.task(id, "checkCompleteness").getDueDate().toInstant(),
				java.time.ZoneId.of("Asia/Tokyo"));
		assertThat(reminders.remindOfTasksDueOn(due)).isPositive();
		reminders.remindOfTasksDueOn(due);
		assertThat(rowsFor(reference)).filteredOn(row -> row.kind() == NotificationKind.TASK_DUE_TOMORROW)
			.as("once per task and due day, however often the job runs")
			.singleElement()
			.satisfies(row -> {
				assertThat(row.recipient()).isEqualTo("intake");
				assertThat(row.subject()).contains(due.toString());
			});
	}

	@Test
	void aTaskDelegatedIsWrittenForTheDelegate() {
		String reference = "EQ-DELEGATED-" + UUID.randomUUID().toString().substring(0, 6);
		transaction.executeWithoutResult(
				status -> notifications.taskDelegated("decision2", "decision", "task-1", "decide", reference));
		OutboxMessage delegated = rowOf(reference, "decision2");
		assertThat(delegated.kind()).isEqualTo(NotificationKind.TASK_DELEGATED);
		assertThat(delegated.subject()).isEqualTo("Tobira: Decide on " + reference + " is delegated to you");
		assertThat(delegated.body()).contains("decision is away");
	}

	@Test
	void withoutAnSmtpServerConfiguredNoSenderRuns(
			@Autowired org.springframework.beans.factory.ObjectProvider<OutboxSender> sender) {
		assertThat(sender.getIfAvailable()).isNull();
	}

	@Test
	void nothingIsWrittenOutsideATransaction() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> notifications.taskAssigned("intake", "admin", "t", "decide", "EQ-X"))
			.isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
	}

	@Autowired
	Notifications notifications;

	private GreenMail startSmtp() {
		GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

	private JavaMailSenderImpl mailSender() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		Properties properties = new Properties();
		properties.put("mail.smtp.connectiontimeout", "2000");
		properties.put("mail.smtp.timeout", "5000");
		sender.setJavaMailProperties(properties);
		return sender;
	}

	private OutboxSender sender(Clock at) {
		return new OutboxSender(outbox, mailSender(), settings, at);
	}

	/** Rounds until a round finds nothing due; how many messages were claimed. */
	private static int drain(OutboxSender sender) {
		int claimed = 0;
		for (int round = 0; round < 1000; round++) {
			int batch = sender.sendDue();
			if (batch == 0) {
				return claimed;
			}
			claimed += batch;
		}
		throw new AssertionError("the outbox never emptied");
	}

	private List<OutboxMessage> rowsFor(String reference) {
		return jdbc.sql("SELECT id FROM app.outbox WHERE reference = ? ORDER BY created_at")
			.param(reference)
			.query(UUID.class)
			.list()
			.stream()
			.map(id -> outbox.find(id).orElseThrow())
			.toList();
	}

	private OutboxMessage rowOf(String reference, String recipient) {
		return rowsFor(reference).stream().filter(row -> row.recipient().equals(recipient)).reduce((a, b) -> {
			throw new AssertionError("two messages to " + recipient + " on " + reference);
		}).orElseThrow(() -> new AssertionError("no message to " + recipient + " on " + reference));
	}

	private List<MimeMessage> receivedBy(String address, String reference) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			boolean to = Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
			if (to && message.getSubject().contains(reference)) {
				found.add(message);
			}
		}
		return found;
	}

	private static String text(MimeMessage message) throws Exception {
		return String.valueOf(message.getContent());
	}

}
