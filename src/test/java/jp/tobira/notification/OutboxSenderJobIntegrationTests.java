package jp.tobira.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.TobiraApplication;

/**
 * A node configured with an SMTP server ({@code spring.mail.host}) runs the outbox's
 * sender on its own schedule: a message written to the outbox arrives without anyone
 * calling the sender. A node of its own (its own throw-away database), as the shared test
 * context has no SMTP server and so no sender.
 */
class OutboxSenderJobIntegrationTests {

	@Test
	void aNodeWithAnSmtpServerSendsTheOutboxOnItsOwn() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try (ConfigurableApplicationContext node = new SpringApplicationBuilder(TobiraApplication.class).run(
				"--server.port=0", "--camunda.bpm.process-engine-name=mailNode", "--spring.mail.host=127.0.0.1",
				"--spring.mail.port=" + port, "--tobira.notifications.send-interval=PT0.2S")) {
			assertThat(node.getBeanProvider(OutboxSender.class).getIfAvailable()).isNotNull();
			String subject = "Scheduled " + UUID.randomUUID();
			node.getBean(TransactionTemplate.class)
				.executeWithoutResult(status -> node.getBean(Outbox.class)
					.put("issuer", "issuer@demo.tobira.example", "en", NotificationKind.DECISION, subject, "Body", null,
							null));
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> smtp.getReceivedMessages().length >= 1);
			assertThat(smtp.getReceivedMessages()).hasSize(1);
			assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo(subject);
		}
		finally {
			smtp.stop();
		}
	}

}
