package jp.tobira.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One message of the outbox, as written and as the sender and the admin's page read it.
 */
public record OutboxMessage(UUID id, String recipient, String address, String locale, NotificationKind kind,
		String subject, String body, String reference, Instant createdAt, int attempts, Instant nextAttemptAt,
		String lastError, Instant sentAt) {

	/**
	 * The Message-ID the message is sent with, the same on every attempt: should a
	 * message ever be sent twice (a node stopped between handing it to the server and
	 * marking it sent), the recipient's server and mail program see one message.
	 */
	public String messageId() {
		return "<" + id + "@tobira.outbox>";
	}

	public boolean sent() {
		return sentAt != null;
	}

}
