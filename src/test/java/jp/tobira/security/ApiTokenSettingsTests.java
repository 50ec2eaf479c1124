package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The prod profile leaves {@code tobira.api-tokens.hash-key} empty unless
 * TOBIRA_API_TOKENS_HASH_KEY is set: the application must then refuse to start, saying
 * what to set, rather than store tokens under no key or a guessable one.
 */
class ApiTokenSettingsTests {

	private static final Duration NINETY_DAYS = Duration.ofDays(90);

	private static final Duration A_YEAR = Duration.ofDays(365);

	@Test
	void refusesAMissingOrShortKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiTokenSettings("", NINETY_DAYS, A_YEAR))
			.withMessageContaining("TOBIRA_API_TOKENS_HASH_KEY");
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiTokenSettings(null, NINETY_DAYS, A_YEAR));
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiTokenSettings("x".repeat(31), NINETY_DAYS, A_YEAR))
			.withMessageContaining("32");
	}

	@Test
	void refusesADefaultLifetimeBeyondTheLongest() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiTokenSettings("k".repeat(32), Duration.ofDays(400), A_YEAR));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ApiTokenSettings("k".repeat(32), Duration.ofHours(1), A_YEAR));
	}

	@Test
	void takesAKeyOfThirtyTwoCharacters() {
		ApiTokenSettings settings = new ApiTokenSettings("k".repeat(32), NINETY_DAYS, A_YEAR);
		assertThat(settings.defaultDays()).isEqualTo(90);
		assertThat(settings.maxDays()).isEqualTo(365);
	}

}
