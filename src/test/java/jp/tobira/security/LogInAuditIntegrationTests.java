package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;

/** ARCHITECTURE.md §5: log-ins are audited; the form's, not every HTTP Basic API call. */
@TobiraIntegrationTest
class LogInAuditIntegrationTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	record Entry(String actor, String kind, JsonNode payload) {
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

	@Test
	void recordsAFailedFormLogInWithTheTriedNameButNotThePassword() {
		long mark = lastSeq();

		HttpResponse<String> failed = BrowserSession.failLogIn(rest.getRootUri(), "intake", "hunter2-wrong");

		assertThat(failed.statusCode()).isEqualTo(302);
		assertThat(failed.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
		List<Entry> entries = entriesAfter(mark);
		assertThat(entries).hasSize(1);
		Entry entry = entries.get(0);
		assertThat(entry.kind()).isEqualTo("LOGIN_FAILED");
		assertThat(entry.actor()).isEqualTo("anonymous");
		assertThat(entry.payload().path("username").asText()).isEqualTo("intake");
		assertThat(entry.payload().path("reason").asText()).isEqualTo("BadCredentialsException");
		assertThat(entry.payload().toString()).doesNotContain("hunter2");
	}

	@Test
	void cutsAnAbsurdlyLongTriedNameToTheLongestRealOne() {
		long mark = lastSeq();

		BrowserSession.failLogIn(rest.getRootUri(), "x".repeat(5000), "whatever");

		List<Entry> entries = entriesAfter(mark);
		assertThat(entries).singleElement()
			.satisfies(entry -> assertThat(entry.payload().path("username").asText()).hasSize(64));
	}

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
	}

	private long lastSeq() {
		return jdbc.sql("SELECT coalesce(max(seq), 0) FROM app.audit_entry").query(Long.class).single();
	}

	private List<Entry> entriesAfter(long seq) {
		return jdbc.sql("SELECT actor, kind, payload FROM app.audit_entry WHERE seq > ? ORDER BY seq")
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
