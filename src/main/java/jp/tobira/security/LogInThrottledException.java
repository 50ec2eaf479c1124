package jp.tobira.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A log-in refused because the account or the client's address has failed too often
 * lately, whatever the password. Carries how long the refusal lasts, for the log-in
 * page's message and the API's {@code Retry-After}.
 */
class LogInThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LogInThrottledException(Duration retryAfter) {
		super("Too many failed log-ins; log-ins are refused for " + retryAfter);
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return retryAfter;
	}

	/** Whole seconds, rounded up, never less than one (as {@code Retry-After} wants). */
	long retryAfterSeconds() {
		long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
		return Math.max(1, seconds);
	}

	/** Whole minutes, rounded up, never less than one (as the log-in page says it). */
	long retryAfterMinutes() {
		return Math.max(1, (retryAfterSeconds() + 59) / 60);
	}

}
