package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;

/**
 * ARCHITECTURE.md §5: log-ins are audited; the form's, not every HTTP Basic API call;
 * failed ones are counted by the throttle, not audited one by one.
 */
@TobiraIntegrationTest
class LogInAuditIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	record Entry(String actor, String kind, JsonNode payload) {
	}

	record Attempt(String username, String remoteAddress) {
	}

	private long attemptMark;

	@BeforeEach
	void markTheAttempts() {
		attemptMark = lastAttempt();
	}

	@Test
	void recordsAFormLogInUnderTheUsersName() {
		long mark = lastSeq();

		BrowserSession.logIn(rest.getRootUri(), "backing");

		List<Entry> entries = entriesAfter(mark);
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).kind()).isEqualTo("LOGGED_IN");
		assertThat(entries.get(0).actor()).isEqualTo("backing");
		assertThat(entries.get(0).payload().path("method").asText()).isEqualTo("form");
	}

	/**
	 * Changed with log-in throttling: a failure used to be a LOGIN_FAILED audit entry, so
	 * every anonymous guess took the audit chain's lock. It is now a row of the
	 * throttle's own table (still with the tried name and the address, still not the
	 * password), and the audit log is written once, when an account or address gets
	 * throttled (LogInThrottleIntegrationTests).
	 */
	@Test
	void countsAFailedFormLogInWithTheTriedNameButNotThePasswordAndAuditsNothing() {
		long mark = lastSeq();

		HttpResponse<String> failed = BrowserSession.failLogIn(rest.getRootUri(), "intake", "hunter2-wrong");

		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
		assertThat(entriesAfter(mark)).isEmpty();
		List<Attempt> attempts = attemptsAfter(attemptMark);
		assertThat(attempts).singleElement().satisfies(attempt -> {
			assertThat(attempt.username()).isEqualTo("intake");
			assertThat(attempt.remoteAddress()).isEqualTo("127.0.0.1");
		});
		assertThat(attempts.toString()).doesNotContain("hunter2");
	}

	@Test
	void cutsAnAbsurdlyLongTriedNameToTheLongestRealOne() {
		BrowserSession.failLogIn(rest.getRootUri(), "x".repeat(5000), "whatever");

		assertThat(attemptsAfter(attemptMark)).singleElement()
			.satisfies(attempt -> assertThat(attempt.username()).hasSize(64));
	}

	/**
	 * Basic requests are not audited; a wrong Basic password counts towards the throttle
	 * like the form's (LogInThrottleIntegrationTests).
	 */
	@Test
	void doesNotRecordHttpBasicRequests() {
		long mark = lastSeq();

		assertThat(rest.withBasicAuth("intake", "demo")
			.getForEntity("/api/v1/tasks", String.class)
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(rest.withBasicAuth("intake", "wrong")
			.getForEntity("/api/v1/tasks", String.class)
			.getStatusCode()
			.value()).isEqualTo(401);

		assertThat(entriesAfter(mark)).isEmpty();
		assertThat(attemptsAfter(attemptMark)).extracting(Attempt::username).containsExactly("intake");
	}

	/**
	 * The failures this class provokes (as {@code intake}, from 127.0.0.1, where every
	 * test logs in) are taken back, so they never add up towards a throttle with other
	 * classes' failures.
	 */
	@AfterEach
	void forgetTheFailures() {
		jdbc.sql("DELETE FROM app.login_attempt WHERE id > ?").param(attemptMark).update();
	}

	private long lastAttempt() {
		return jdbc.sql("SELECT coalesce(max(id), 0) FROM app.login_attempt").query(Long.class).single();
	}

	private List<Attempt> attemptsAfter(long id) {
		return jdbc.sql("SELECT username, remote_address FROM app.login_attempt WHERE id > ? ORDER BY id")
			.param(id)
			.query((rs, row) -> new Attempt(rs.getString("username"), rs.getString("remote_address")))
			.list();
	}

	private long lastSeq() {
		return jdbc.sql("SELECT coalesce(max(id), 0) FROM app.audit_entry").query(Long.class).single();
	}

	private List<Entry> entriesAfter(long seq) {
		return jdbc.sql("SELECT actor, kind, payload FROM app.audit_entry WHERE id > ? ORDER BY id")
			.param(seq)
			.query((rs, row) -> new Entry(rs.getString("actor"), rs.getString("kind"), read(rs.getString("payload"))))
			.list();
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
