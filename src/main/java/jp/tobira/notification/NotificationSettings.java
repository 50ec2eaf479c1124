package jp.tobira.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications ({@code tobira.notifications.*}). Whether mail is sent at all is
 * {@code spring.mail.host}: without it the outbox fills and nothing leaves (demo mode
 * shows it to admins at {@code /admin/outbox}).
 *
 * @param baseUrl where the links in a message point: the address users reach Tobira at
 * @param from the sender of every message
 * @param sendInterval how long the sender rests between rounds
 * @param batchSize how many messages one round claims at most
 * @param backoffBase the wait after a first failure; doubled after each further one
 * @param backoffCap the longest wait between two attempts
 * @param lease how long a claim keeps other nodes off a message; longer than the SMTP
 * timeouts, so a claim never lapses while its sender is still talking to the server
 */
@ConfigurationProperties("tobira.notifications")
public record NotificationSettings(@DefaultValue("http://localhost:8080") String baseUrl,
		@DefaultValue("Tobira <no-reply@tobira.example>") String from, @DefaultValue("PT30S") Duration sendInterval,
		@DefaultValue("20") int batchSize, @DefaultValue("PT1M") Duration backoffBase,
		@DefaultValue("PT6H") Duration backoffCap, @DefaultValue("PT5M") Duration lease) {

	public NotificationSettings {
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		if (batchSize < 1 || backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0
				|| lease.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"tobira.notifications: batch-size at least 1, backoff-cap at least backoff-base, lease at least 1s");
		}
	}

	/** The wait after the given number of failed attempts (1 for the first). */
	Duration backoffAfter(int attempts) {
		Duration wait = backoffBase;
		for (int i = 1; i < attempts && wait.compareTo(backoffCap) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(backoffCap) > 0 ? backoffCap : wait;
	}

}
