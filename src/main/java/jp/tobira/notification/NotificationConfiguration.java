package jp.tobira.notification;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The outbox's sender runs only where SMTP is configured ({@code spring.mail.host}, as
 * Spring Boot makes its {@link JavaMailSender} then); without it messages wait in the
 * outbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

	@Bean
	@ConditionalOnProperty("spring.mail.host")
	OutboxSender outboxSender(Outbox outbox, JavaMailSender mail, NotificationSettings settings, Clock clock) {
		return new OutboxSender(outbox, mail, settings, clock);
	}

}
