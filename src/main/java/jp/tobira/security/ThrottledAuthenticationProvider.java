package jp.tobira.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The one way a user name and password are checked, for the form log-in and HTTP Basic
 * alike (both filters go through the global authentication manager, which this provider
 * is): a throttled account or address is refused before the password is looked at, a
 * wrong password or unknown user counts as a failure, and a success starts the account's
 * count afresh.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider passwords;

	private final LogInThrottle throttle;

	private final Clock clock;

	ThrottledAuthenticationProvider(AuthenticationProvider passwords, LogInThrottle throttle, Clock clock) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		String address = clientAddress(authentication);
		Optional<Instant> throttled = throttle.throttledUntil(username, address);
		if (throttled.isPresent()) {
			// refused whether or not the password is right, so throttling cannot be used
			// to
			// test passwords either
			throw refusal(throttled.get());
		}
		Authentication authenticated;
		try {
			authenticated = passwords.authenticate(authentication);
		}
		catch (BadCredentialsException ex) {
			// the failure that reaches a limit says so at once, so the user learns why
			// the
			// next attempt will be refused
			Optional<Instant> now = throttle.failed(username, address);
			if (now.isPresent()) {
				throw refusal(now.get());
			}
			throw ex;
		}
		if (authenticated != null) {
			throttle.succeeded(username);
		}
		return authenticated;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return passwords.supports(authentication);
	}

	private LogInThrottledException refusal(Instant until) {
		Duration left = Duration.between(clock.instant(), until);
		return new LogInThrottledException(left.isNegative() ? Duration.ZERO : left);
	}

	/**
	 * The client's address as the servlet container gives it ({@code getRemoteAddr()},
	 * put into the details by the form and Basic filters alike). Behind a reverse proxy
	 * that is the proxy's own address, unless the forwarded-headers strategy
	 * ({@code server.forward-headers-strategy}) is set to take it from the proxy's
	 * {@code X-Forwarded-For}: that setting, not this class, decides whose address is
	 * counted, and it must trust only the real proxies, or a client could pick a fresh
	 * address for every guess.
	 */
	private static String clientAddress(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null) {
			return details.getRemoteAddress();
		}
		// an authentication with no request behind it: counted under one shared key
		return "unknown";
	}

}
