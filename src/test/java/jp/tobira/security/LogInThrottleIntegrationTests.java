package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.tobira.TobiraIntegrationTest;

/**
 * OWASP ASVS 4.0.3 V2.2.1: after too many failed log-ins an account (or a client address)
 * is throttled, for the form and HTTP Basic alike, even for the right password; the
 * failures are counted in their own table, not one audit entry each.
 *
 * <p>
 * The context (and its database) is shared with every other integration test, which log
 * in as the demo users from 127.0.0.1: so this class throttles only accounts it creates,
 * sends its requests from other loopback addresses ({@link FromAddress}), and removes its
 * accounts, attempts and counters afterwards. The limits are the configured defaults,
 * read from the settings rather than repeated here.
 */
@TobiraIntegrationTest
class LogInThrottleIntegrationTests {

	private static final String PASSWORD = "correct horse battery staple";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	LogInThrottleSettings settings;

	private final List<String> accounts = new ArrayList<>();

	private final List<String> addresses = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		ClockUtil.reset();
		for (String account : accounts) {
			jdbc.sql("DELETE FROM app.login_attempt WHERE username = ?").param(account).update();
			jdbc.sql("DELETE FROM app.login_throttle WHERE scope = 'ACCOUNT' AND key = ?").param(account).update();
			jdbc.sql("DELETE FROM app.users WHERE username = ?").param(account).update();
		}
		for (String address : addresses) {
			jdbc.sql("DELETE FROM app.login_attempt WHERE remote_address = ?").param(address).update();
			jdbc.sql("DELETE FROM app.login_throttle WHERE scope = 'ADDRESS' AND key = ?").param(address).update();
		}
	}

	@Test
	void thirtyWrongPasswordsThrottleTheFormLogInUntilThePeriodHasPassed() {
		String account = newAccount();
		FromAddress client = client("127.0.0.2");
		long mark = lastSeq();

		List<String> answers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			answers.add(client.logInByForm(account, "wrong-" + i).header("Location").orElseThrow());
		}
		FromAddress.Response right = client.logInByForm(account, PASSWORD);

		// the failures below the limit say the password is wrong; from the limit on, the
		// page says log-ins are paused
		assertThat(answers.subList(0, settings.accountFailures() - 1)).allMatch(at -> at.endsWith("/login?error"));
		assertThat(answers.subList(settings.accountFailures() - 1, 30))
			.allMatch(at -> at.contains("/login?throttled="));
		assertThat(right.status()).isEqualTo(302);
		String throttledPage = right.header("Location").orElseThrow();
		assertThat(throttledPage).contains("/login?throttled=" + settings.accountLock().toMinutes());
		String path = throttledPage.substring(throttledPage.indexOf("/login"));
		assertThat(client.get(path + "&lang=en").body())
			.contains("Too many failed log-ins for this account or from this address")
			.contains(settings.accountLock().toMinutes() + " minutes");
		assertThat(client.get(path + "&lang=ja").body()).contains("ログインの失敗が多すぎる");

		// one audit entry for the throttling, none per failure
		assertThat(kindsAfter(mark)).containsExactly("LOGIN_THROTTLED");
		assertThat(attemptsBy(account)).isEqualTo(settings.accountFailures());
		assertThat(refused("ACCOUNT", account)).isEqualTo(30 - settings.accountFailures() + 1);

		moveClock(settings.accountLock().plusMinutes(1));
		FromAddress.Response later = client.logInByForm(account, PASSWORD);
		assertThat(later.header("Location")).hasValueSatisfying(at -> assertThat(at).endsWith("/"));
		assertThat(kindsAfter(mark)).containsExactly("LOGIN_THROTTLED", "LOGGED_IN");
	}

	@Test
	void thirtyWrongPasswordsThrottleHttpBasicWithTooManyRequestsAndRetryAfter() {
		String account = newAccount();
		FromAddress client = client("127.0.0.3");
		long mark = lastSeq();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			statuses.add(client.withBasic("/api/v1/tasks", account, "wrong-" + i).status());
		}
		FromAddress.Response right = client.withBasic("/api/v1/tasks", account, PASSWORD);

		assertThat(statuses.subList(0, settings.accountFailures() - 1)).containsOnly(401);
		assertThat(statuses.subList(settings.accountFailures() - 1, 30)).containsOnly(429);
		assertThat(right.status()).isEqualTo(429);
		assertThat(right.header("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(right.body()).contains("\"status\":429").contains("Too many failed log-ins");
		long retryAfter = Long.parseLong(right.header("Retry-After").orElseThrow());
		assertThat(retryAfter).isPositive().isLessThanOrEqualTo(settings.accountLock().toSeconds());
		// the pages' HTTP Basic is throttled alike
		assertThat(client.withBasic("/v3/api-docs", account, PASSWORD).status()).isEqualTo(429);

		assertThat(kindsAfter(mark)).containsExactly("LOGIN_THROTTLED");
		assertThat(attemptsBy(account)).isEqualTo(settings.accountFailures());

		moveClock(settings.accountLock().plusMinutes(1));
		// authenticated: 403 only because the new account is in no reviewer group
		assertThat(client.withBasic("/api/v1/tasks", account, PASSWORD).status()).isEqualTo(403);
		assertThat(client.withBasic("/v3/api-docs", account, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void aSuccessfulLogInClearsTheAccountsCounter() {
		String account = newAccount();
		FromAddress client = client("127.0.0.4");
		int belowLimit = settings.accountFailures() - 1;

		for (int i = 0; i < belowLimit; i++) {
			assertThat(client.withBasic("/v3/api-docs", account, "wrong").status()).isEqualTo(401);
		}
		assertThat(client.withBasic("/v3/api-docs", account, PASSWORD).status()).isEqualTo(200);
		// without the success in between these would reach the limit
		for (int i = 0; i < belowLimit; i++) {
			assertThat(client.withBasic("/v3/api-docs", account, "wrong").status()).isEqualTo(401);
		}
		assertThat(client.withBasic("/v3/api-docs", account, PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void attemptsOlderThanTheRetentionArePrunedByTheNextFailure() {
		String account = newAccount();
		FromAddress client = client("127.0.0.7");
		Instant old = Instant.now().minus(settings.retention()).minus(Duration.ofHours(1));
		jdbc.sql("INSERT INTO app.login_attempt (username, remote_address, attempted_at) VALUES (?, ?, ?)")
			.params(account, client.address(), java.sql.Timestamp.from(old))
			.update();

		assertThat(client.withBasic("/v3/api-docs", account, "wrong").status()).isEqualTo(401);

		assertThat(jdbc.sql("SELECT attempted_at FROM app.login_attempt WHERE username = ?")
			.param(account)
			.query(java.sql.Timestamp.class)
			.list()).singleElement().satisfies(at -> assertThat(at.toInstant()).isAfter(old));
	}

	@Test
	void failuresFromOneAddressAcrossManyAccountsThrottleThatAddressOnly() {
		FromAddress sprayer = client("127.0.0.5");
		String victim = newAccount();
		// every account stays below its own limit, so only the address's count can
		// throttle
		List<String> targets = new ArrayList<>();
		int perAccount = settings.accountFailures() - 1;
		for (int i = 0; i * perAccount < settings.addressFailures(); i++) {
			targets.add(newAccount());
		}
		long mark = lastSeq();

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < settings.addressFailures(); i++) {
			statuses.add(sprayer.withBasic("/v3/api-docs", targets.get(i / perAccount), "wrong").status());
		}

		assertThat(statuses.subList(0, settings.addressFailures() - 1)).containsOnly(401);
		assertThat(statuses.get(settings.addressFailures() - 1)).isEqualTo(429);
		// from that address even an account that never failed is refused, by the form too
		FromAddress.Response basic = sprayer.withBasic("/v3/api-docs", victim, PASSWORD);
		assertThat(basic.status()).isEqualTo(429);
		assertThat(basic.header("Retry-After")).isPresent();
		assertThat(sprayer.logInByForm(victim, PASSWORD).header("Location"))
			.hasValueSatisfying(at -> assertThat(at).contains("/login?throttled="));
		// from another address the same account logs in
		assertThat(client("127.0.0.6").withBasic("/v3/api-docs", victim, PASSWORD).status()).isEqualTo(200);

		assertThat(kindsAfter(mark)).containsExactly("LOGIN_THROTTLED");
		assertThat(jdbc.sql(
				"SELECT payload::jsonb->>'remoteAddress' FROM app.audit_entry WHERE id > ? AND kind = 'LOGIN_THROTTLED'")
			.param(mark)
			.query(String.class)
			.single()).isEqualTo(sprayer.address());
		assertThat(jdbc.sql("SELECT count(*) FROM app.login_attempt WHERE remote_address = ?")
			.param(sprayer.address())
			.query(Integer.class)
			.single()).isEqualTo(settings.addressFailures());

		moveClock(settings.addressLock().plusMinutes(1));
		assertThat(sprayer.withBasic("/v3/api-docs", victim, PASSWORD).status()).isEqualTo(200);
	}

	private String newAccount() {
		String username = "throttle-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(username, passwordEncoder.encode(PASSWORD), "Throttle test " + username, null, Set.of());
		accounts.add(username);
		return username;
	}

	private FromAddress client(String address) {
		addresses.add(address);
		return new FromAddress(address, port);
	}

	/** Moves the application's clock (the engine's) forward; reset after each test. */
	private static void moveClock(Duration by) {
		ClockUtil.setCurrentTime(Date.from(Instant.now().plus(by)));
	}

	private long lastSeq() {
		return jdbc.sql("SELECT coalesce(max(id), 0) FROM app.audit_entry").query(Long.class).single();
	}

	/**
	 * The log-in entries only: moving the clock may fire an engine timer of a demo case,
	 * which is audited too.
	 */
	private List<String> kindsAfter(long seq) {
		return jdbc.sql("""
				SELECT kind FROM app.audit_entry
				WHERE id > ? AND kind IN ('LOGGED_IN', 'LOGIN_FAILED', 'LOGIN_THROTTLED') ORDER BY id
				""").param(seq).query(String.class).list();
	}

	private int attemptsBy(String account) {
		return jdbc.sql("SELECT count(*) FROM app.login_attempt WHERE username = ?")
			.param(account)
			.query(Integer.class)
			.single();
	}

	private int refused(String scope, String key) {
		return jdbc.sql("SELECT refused FROM app.login_throttle WHERE scope = ? AND key = ?")
			.params(scope, key)
			.query(Integer.class)
			.single();
	}

}
