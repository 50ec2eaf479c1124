package jp.tobira.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The wait between two attempts at a message: doubled after each failure, up to the cap.
 */
class NotificationSettingsTests {

	static NotificationSettings with(Duration base, Duration cap) {
		return new NotificationSettings("https://tobira.example/", "Tobira <no-reply@tobira.example>",
				Duration.ofSeconds(30), 20, base, cap, Duration.ofMinutes(5));
	}

	@Test
	void theWaitDoublesAfterEachFailureUpToTheCap() {
		NotificationSettings settings = with(Duration.ofMinutes(1), Duration.ofMinutes(10));
		assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofMinutes(8));
		assertThat(settings.backoffAfter(5)).isEqualTo(Duration.ofMinutes(10));
		assertThat(settings.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void theLinksBaseLosesItsTrailingSlashAndACapBelowTheBaseIsRefused() {
		assertThat(with(Duration.ofMinutes(1), Duration.ofHours(1)).baseUrl()).isEqualTo("https://tobira.example");
		assertThatThrownBy(() -> with(Duration.ofHours(1), Duration.ofMinutes(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
