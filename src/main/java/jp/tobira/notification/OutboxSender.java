package jp.tobira.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sends the outbox through SMTP, a small batch per round: claims due messages (a lease,
 * {@link Outbox#claim}), sends each, marks it sent; a message the server does not take
 * stays with one more attempt, the error, and a next attempt after an exponential
 * backoff.
 * <p>
 * Sending is <em>at least once</em>. Between the server taking a message and the row
 * being marked sent a node can stop; the claim then lapses and another node sends the
 * message again. The other choice, marking first and sending after, loses the message on
 * the same stop, and a notification that is never lost is the point. The window is one
 * UPDATE wide, and the message carries the same Message-ID on every attempt
 * ({@link OutboxMessage#messageId()}) so the receiving side can tell a repeat. Claims
 * never overlap: a node sends only the rows its own lease holds.
 * <p>
 * A bean only where {@code spring.mail.host} is set (NotificationConfiguration); each
 * node runs one, on Spring's scheduler, not the engine's job executor.
 */
public class OutboxSender {

	private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

	private final Outbox outbox;

	private final JavaMailSender mail;

	private final NotificationSettings settings;

	private final Clock clock;

	public OutboxSender(Outbox outbox, JavaMailSender mail, NotificationSettings settings, Clock clock) {
		this.outbox = outbox;
		this.mail = mail;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${tobira.notifications.send-interval:PT30S}",
			initialDelayString = "${tobira.notifications.send-interval:PT30S}")
	public void sendDueInRounds() {
		try {
			// rounds until the due messages are out or a round has nothing to send
			while (sendDue() == settings.batchSize()) {
				// the next batch
			}
		}
		catch (RuntimeException ex) {
			// the database away: the next round tries again
			log.warn("The outbox could not be read: {}", ex.toString());
		}
	}

	/**
	 * One round: claims a batch and tries each message once.
	 * @return how many messages were claimed
	 */
	public int sendDue() {
		UUID token = UUID.randomUUID();
		List<OutboxMessage> batch = outbox.claim(token, clock.instant(), settings.lease(), settings.batchSize());
		for (OutboxMessage message : batch) {
			try {
				mail.send(mime(message));
				outbox.markSent(message.id(), token, clock.instant());
			}
			catch (MailException | MessagingException ex) {
				int attempts = message.attempts() + 1;
				Instant next = clock.instant().plus(settings.backoffAfter(attempts));
				String error = String.valueOf(ex.getMessage());
				outbox.markFailed(message.id(), token, error.length() > 1000 ? error.substring(0, 1000) : error, next);
				log.info("Message {} to {} not sent (attempt {}), next at {}: {}", message.id(), message.recipient(),
						attempts, next, error);
			}
		}
		return batch.size();
	}

	private MimeMessage mime(OutboxMessage message) throws MessagingException {
		MimeMessage mime = mail.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
		helper.setFrom(settings.from());
		helper.setTo(message.address());
		helper.setSubject(message.subject());
		helper.setText(message.body(), false);
		helper.setSentDate(java.util.Date.from(message.createdAt()));
		mime.setHeader("Content-Language", message.locale());
		// the outbox row's id, the same on every attempt (JavaMailSenderImpl keeps a
		// Message-ID set before sending rather than making a new one)
		mime.setHeader("Message-ID", message.messageId());
		return mime;
	}

}
