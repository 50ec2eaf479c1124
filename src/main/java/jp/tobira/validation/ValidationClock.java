package jp.tobira.validation;

import java.time.Clock;

import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * "Not in the future" is judged by the application's clock (Tokyo, movable in tests), not
 * the JVM's.
 */
@Configuration(proxyBeanMethods = false)
class ValidationClock {

	@Bean
	ValidationConfigurationCustomizer applicationClockForValidation(Clock clock) {
		return configuration -> configuration.clockProvider(() -> clock);
	}

}
