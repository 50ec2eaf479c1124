package jp.tobira.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;

/**
 * Counts failed log-ins per account and per client address and throttles either once it
 * has failed too often (OWASP ASVS 4.0.3 V2.2.1; limits in
 * {@link LogInThrottleSettings}). The counters are rows in PostgreSQL
 * ({@code app.login_attempt}, {@code app.login_throttle}), so every node of a cluster
 * refuses alike. Times are the application's clock (the engine's), so tests move them as
 * they move the engine.
 *
 * <p>
 * A failure is a row of its own table, not an audit entry: an audit entry takes the
 * chain-head lock, and an anonymous guesser must not be able to queue up every writer of
 * the audit log. The audit log gets one entry when an account or an address becomes
 * throttled.
 */
@Service
class LogInThrottle {

	/** Where the throttle is: the account tried, or the client's address. */
	enum Scope {

		ACCOUNT, ADDRESS

	}

	/** The longest user name or address kept; longer ones are cut, never refused. */
	static final int KEY_LIMIT = 64;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog auditLog;

	private final LogInThrottleSettings settings;

	LogInThrottle(JdbcClient jdbc, Clock clock, AuditLog auditLog, LogInThrottleSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.auditLog = auditLog;
		this.settings = settings;
	}

	/**
	 * Until when log-ins as this account or from this address are refused, if they are;
	 * counts the refusal. Runs before the password is checked, on every authentication
	 * (each HTTP Basic request too): a read by primary key, and a write only while
	 * throttled.
	 */
	@Transactional
	Optional<Instant> throttledUntil(String username, String address) {
		Instant now = clock.instant();
		List<Instant> until = jdbc.sql("""
				UPDATE app.login_throttle SET refused = refused + 1
				WHERE ((scope = 'ACCOUNT' AND key = ?) OR (scope = 'ADDRESS' AND key = ?)) AND locked_until > ?
				RETURNING locked_until
				""")
			.params(cut(username), cut(address), Timestamp.from(now))
			.query((rs, row) -> rs.getTimestamp(1).toInstant())
			.list();
		return until.stream().max(Instant::compareTo);
	}

	/**
	 * Records a failed attempt (a wrong password or an unknown user) and throttles the
	 * account or the address if this failure reaches its limit.
	 * @return until when log-ins are now refused, if this failure throttled either
	 */
	@Transactional
	Optional<Instant> failed(String username, String address) {
		Instant now = clock.instant();
		prune(now);
		jdbc.sql("INSERT INTO app.login_attempt (username, remote_address, attempted_at) VALUES (?, ?, ?)")
			.params(cut(username), cut(address), Timestamp.from(now))
			.update();
		// always the account first, then the address: two failures lock the same rows in
		// the same order and never deadlock
		Optional<Instant> account = count(Scope.ACCOUNT, cut(username), settings.accountFailures(),
				settings.accountWindow(), settings.accountLock(), now);
		Optional<Instant> byAddress = count(Scope.ADDRESS, cut(address), settings.addressFailures(),
				settings.addressWindow(), settings.addressLock(), now);
		return account.isPresent() && byAddress.isPresent()
				? Optional.of(account.get().isAfter(byAddress.get()) ? account.get() : byAddress.get())
				: account.or(() -> byAddress);
	}

	/**
	 * A successful log-in starts the account's count afresh, so a user who mistyped a few
	 * times is not throttled by the next few slips. Not the address's count: an attacker
	 * with an account of their own could otherwise clear it between guesses at others'.
	 * Writes nothing when the account has no failures to forget, as for almost every HTTP
	 * Basic request.
	 */
	void succeeded(String username) {
		Instant now = clock.instant();
		jdbc.sql("""
				UPDATE app.login_throttle t SET counted_from = ?
				WHERE t.scope = 'ACCOUNT' AND t.key = ? AND EXISTS (
				    SELECT 1 FROM app.login_attempt a WHERE a.username = t.key AND a.attempted_at >= t.counted_from)
				""").params(Timestamp.from(now), cut(username)).update();
	}

	/**
	 * Counts the key's failures in its window (since its count last started afresh) and
	 * throttles it on reaching the limit, auditing that once. The upsert locks the key's
	 * row, so concurrent failures of one key (on any node) are counted one after the
	 * other and only one of them throttles it.
	 */
	private Optional<Instant> count(Scope scope, String key, int limit, Duration window, Duration lock, Instant now) {
		record Row(Instant countedFrom, Instant lockedUntil) {
		}
		Row row = jdbc.sql("""
				INSERT INTO app.login_throttle (scope, key, counted_from) VALUES (?, ?, ?)
				ON CONFLICT (scope, key) DO UPDATE SET scope = EXCLUDED.scope
				RETURNING counted_from, locked_until
				""")
			.params(scope.name(), key, Timestamp.from(Instant.EPOCH))
			.query((rs, n) -> new Row(rs.getTimestamp("counted_from").toInstant(),
					rs.getTimestamp("locked_until") == null ? null : rs.getTimestamp("locked_until").toInstant()))
			.single();
		if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
			// throttled already, by a concurrent failure that got the row first
			return Optional.of(row.lockedUntil());
		}
		Instant windowStart = now.minus(window);
		Instant from = row.countedFrom().isAfter(windowStart) ? row.countedFrom() : windowStart;
		String column = scope == Scope.ACCOUNT ? "username" : "remote_address";
		long failures = jdbc
			.sql("SELECT count(*) FROM app.login_attempt WHERE " + column + " = ? AND attempted_at >= ?")
			.params(key, Timestamp.from(from))
			.query(Long.class)
			.single();
		if (failures < limit) {
			return Optional.empty();
		}
		Instant until = now.plus(lock);
		// the failures that throttled the key do not count again once the period is over
		jdbc.sql("""
				UPDATE app.login_throttle SET locked_until = ?, counted_from = ?, refused = 0
				WHERE scope = ? AND key = ?
				""").params(Timestamp.from(until), Timestamp.from(until), scope.name(), key).update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("scope", scope.name());
		payload.put(scope == Scope.ACCOUNT ? "username" : "remoteAddress", key);
		payload.put("failures", failures);
		payload.put("window", window.toString());
		payload.put("lockedUntil", until.toString());
		auditLog.append(Actor.SYSTEM.username(), null, AuditKind.LOGIN_THROTTLED, payload);
		return Optional.of(until);
	}

	/**
	 * Keeps the tables bounded: attempts older than the retention go, and so do counters
	 * with nothing left to count or refuse. On every failure, through the index on time,
	 * so no scheduler is needed and a quiet system keeps what little it has.
	 */
	private void prune(Instant now) {
		Timestamp before = Timestamp.from(now.minus(settings.retention()));
		jdbc.sql("DELETE FROM app.login_attempt WHERE attempted_at < ?").param(before).update();
		jdbc.sql("""
				DELETE FROM app.login_throttle
				WHERE counted_from < ? AND (locked_until IS NULL OR locked_until < ?)
				""").params(before, before).update();
	}

	private static String cut(String value) {
		String given = value == null ? "" : value;
		return given.length() > KEY_LIMIT ? given.substring(0, KEY_LIMIT) : given;
	}

}
