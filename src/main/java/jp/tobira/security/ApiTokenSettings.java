package jp.tobira.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API tokens ({@code tobira.api-tokens.*}). The hash key makes the stored hashes useless
 * without it: a copy of {@code app.api_token} alone gives nothing to test guesses
 * against. Outside the {@code prod} profile it has a fixed, public default (a demo or a
 * test needs no secret); {@code prod} sets it to {@code TOBIRA_API_TOKENS_HASH_KEY} and
 * refuses to start without one. Changing the key invalidates every token issued.
 *
 * @param hashKey the HMAC-SHA-256 key the tokens are stored under, at least 32 characters
 * @param defaultLifetime how long a token lives when its maker names no number of days
 * @param maxLifetime the longest a token may live
 */
@ConfigurationProperties("tobira.api-tokens")
record ApiTokenSettings(String hashKey, @DefaultValue("P90D") Duration defaultLifetime,
		@DefaultValue("P365D") Duration maxLifetime) {

	static final int MIN_KEY_LENGTH = 32;

	ApiTokenSettings {
		if (hashKey == null || hashKey.isBlank()) {
			throw new IllegalArgumentException(
					"tobira.api-tokens.hash-key is not set: in the prod profile set TOBIRA_API_TOKENS_HASH_KEY "
							+ "to a random secret of at least " + MIN_KEY_LENGTH + " characters");
		}
		if (hashKey.length() < MIN_KEY_LENGTH) {
			throw new IllegalArgumentException(
					"tobira.api-tokens.hash-key must have at least " + MIN_KEY_LENGTH + " characters");
		}
		if (defaultLifetime.compareTo(maxLifetime) > 0 || defaultLifetime.toDays() < 1) {
			throw new IllegalArgumentException(
					"tobira.api-tokens.default-lifetime must be at least a day and at most max-lifetime");
		}
	}

	long defaultDays() {
		return defaultLifetime.toDays();
	}

	long maxDays() {
		return maxLifetime.toDays();
	}

}
