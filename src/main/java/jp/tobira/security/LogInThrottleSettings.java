package jp.tobira.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed log-ins are tolerated ({@code tobira.security.throttle.*}, OWASP ASVS
 * 4.0.3 V2.2.1). An account is throttled after {@code accountFailures} failures within
 * {@code accountWindow}, for {@code accountLock}: few, because an account is what a
 * password guesser targets. A client address is throttled after {@code addressFailures}
 * failures within {@code addressWindow}, for {@code addressLock}: many more, because one
 * address may be an office behind one gateway, yet bounded, because one address spraying
 * guesses across many accounts stays below every account's limit. Only failures count, so
 * a busy API client logging in with the right password on every call is never throttled.
 *
 * @param accountFailures failures of one account that throttle it
 * @param accountWindow the period in which they count
 * @param accountLock how long the account's log-ins are then refused
 * @param addressFailures failures from one client address that throttle it
 * @param addressWindow the period in which they count
 * @param addressLock how long log-ins from the address are then refused
 * @param retention how long a failed attempt is kept (for the record) before it is
 * pruned; at least the longer window, or failures would be forgotten while they still
 * count
 */
@ConfigurationProperties("tobira.security.throttle")
record LogInThrottleSettings(@DefaultValue("5") int accountFailures, @DefaultValue("PT15M") Duration accountWindow,
		@DefaultValue("PT15M") Duration accountLock, @DefaultValue("50") int addressFailures,
		@DefaultValue("PT15M") Duration addressWindow, @DefaultValue("PT15M") Duration addressLock,
		@DefaultValue("P1D") Duration retention) {

	LogInThrottleSettings {
		if (accountFailures < 1 || addressFailures < 1) {
			throw new IllegalArgumentException("tobira.security.throttle: the failure limits must be at least 1");
		}
		if (retention.compareTo(accountWindow) < 0 || retention.compareTo(addressWindow) < 0) {
			throw new IllegalArgumentException(
					"tobira.security.throttle.retention must be at least as long as the windows");
		}
	}

}
