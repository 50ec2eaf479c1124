package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * API tokens (issue 11): made and revoked by a signed-in user, stored as a keyed hash,
 * and used as {@code Authorization: Bearer} they act exactly as their user (every
 * authorisation rule unchanged), without a session, and attributably in the audit log.
 */
@TobiraIntegrationTest
class ApiTokenIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwords;

	@Test
	void aTokenReadsItsUsersCasesOnlyListsWithoutItsSecretAndStopsWhenRevoked() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Response made = issuer.postJson("/api/v1/api-tokens", "{\"name\": \"Reporting system\"}");
		assertThat(made.status()).as("%s", made).isEqualTo(201);
		String id = made.json().get("id").asText();
		String token = made.json().get("token").asText();
		assertThat(token).startsWith("tobira_").hasSize(50);
		assertThat(made.json().get("name").asText()).isEqualTo("Reporting system");
		assertThat(Instant.parse(made.json().get("expiresAt").asText()))
			.isBetween(Instant.now().plus(89, ChronoUnit.DAYS), Instant.now().plus(91, ChronoUnit.DAYS));
		assertThat(made.headers().getLocation()).hasToString("/api/v1/api-tokens/" + id);

		String stored = jdbc.sql("SELECT hash FROM app.api_token WHERE id = ?")
			.param(UUID.fromString(id))
			.query(String.class)
			.single();
		assertThat(stored).as("a keyed hash, not the secret").hasSize(64).doesNotContain(token.substring(7));

		ApiClient.Response created = bearer(token, HttpMethod.POST, "/api/v1/applications", Fixtures.exampleJson());
		assertThat(created.status()).as("a POST with a token needs no CSRF token: %s", created).isEqualTo(201);
		String ownCase = created.json().get("id").asText();
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications/" + ownCase, null).status()).isEqualTo(200);

		String otherCase = new ApiClient(rest, "issuer2").postJson("/api/v1/applications", Fixtures.exampleJson())
			.json()
			.get("id")
			.asText();
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications/" + otherCase, null).status())
			.as("another organisation's case reads as a missing one")
			.isEqualTo(404);
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/audit/verify", null).status())
			.as("the token has its user's groups, no more")
			.isEqualTo(403);

		ApiClient.Response listed = issuer.get("/api/v1/api-tokens");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(token).doesNotContain(stored);
		JsonNode listedToken = find(listed.json(), id);
		assertThat(listedToken.get("name").asText()).isEqualTo("Reporting system");
		assertThat(listedToken.has("token")).isFalse();
		assertThat(listedToken.has("createdAt")).isTrue();
		assertThat(listedToken.has("lastUsedAt")).as("the uses above are noted").isTrue();
		assertThat(listedToken.get("prefix").asText()).isEqualTo(token.substring(0, 12));
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/api-tokens", null).body())
			.as("the token lists its user's tokens too")
			.contains(id);

		assertThat(new ApiClient(rest, "issuer2").delete("/api/v1/api-tokens/" + id).status())
			.as("another user's token reads as a missing one")
			.isEqualTo(404);
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications/" + ownCase, null).status()).isEqualTo(200);

		assertThat(issuer.delete("/api/v1/api-tokens/" + id).status()).isEqualTo(204);
		ApiClient.Response refused = bearer(token, HttpMethod.GET, "/api/v1/applications/" + ownCase, null);
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
		assertThat(refused.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(find(issuer.get("/api/v1/api-tokens").json(), id).has("revokedAt")).isTrue();
		assertThat(issuer.delete("/api/v1/api-tokens/" + id).status()).as("revoking again changes nothing")
			.isEqualTo(204);
	}

	@Test
	void madeAndRevokedAreAuditedAndWhatATokenDoesNamesIt() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		long mark = lastWritten();
		JsonNode made = issuer.postJson("/api/v1/api-tokens", "{\"name\": \"Filing robot\", \"expiresInDays\": 7}")
			.json();
		String id = made.get("id").asText();
		assertThat(Instant.parse(made.get("expiresAt").asText())).isBetween(Instant.now().plus(6, ChronoUnit.DAYS),
				Instant.now().plus(8, ChronoUnit.DAYS));

		JsonNode application = bearer(made.get("token").asText(), HttpMethod.POST, "/api/v1/applications",
				Fixtures.exampleJson())
			.json();
		issuer.delete("/api/v1/api-tokens/" + id);

		List<Entry> entries = entriesAfter(mark);
		assertThat(entries).extracting(Entry::kind)
			.containsExactly("API_TOKEN_CREATED", "APPLICATION_CREATED", "API_TOKEN_REVOKED");
		assertThat(entries).extracting(Entry::actor).containsOnly("issuer");
		assertThat(entries.get(0).payload().get("tokenId").asText()).isEqualTo(id);
		assertThat(entries.get(0).payload().get("name").asText()).isEqualTo("Filing robot");
		assertThat(entries.get(0).payload().toString()).doesNotContain(made.get("token").asText());
		assertThat(entries.get(0).payload().has("via")).as("made with a log-in, not a token").isFalse();
		assertThat(entries.get(1).caseReference()).isEqualTo(application.get("reference").asText());
		assertThat(entries.get(1).payload().get("via").asText()).isEqualTo("api-token:" + id);
		assertThat(entries.get(2).payload().get("tokenId").asText()).isEqualTo(id);
		assertThat(new ApiClient(rest, "admin").get("/api/v1/audit/verify").json().get("valid").asBoolean())
			.as("an attributed entry chains like any other")
			.isTrue();
	}

	@Test
	void anExpiredTokenIsRefused() {
		String id = make("issuer", "Expiring").get("id").asText();
		String token = tokenOf(id);
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(200);

		jdbc.sql("UPDATE app.api_token SET created_at = ?, expires_at = ? WHERE id = ?")
			.params(Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS)),
					Timestamp.from(Instant.now().minusSeconds(1)), UUID.fromString(id))
			.update();

		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(401);
	}

	@Test
	void malformedAndUnknownTokensAreRefusedAndNeverFallThroughToBasicOrTheSession() {
		for (String token : List.of("", "not-a-token", "tobira_", "tobira_" + "A".repeat(43),
				"tobira_" + "A".repeat(42) + "!", "tobira_" + "A".repeat(500))) {
			ApiClient.Response refused = bearer(token, HttpMethod.GET, "/api/v1/applications", null);
			assertThat(refused.status()).as("'%s'", token).isEqualTo(401);
			assertThat(refused.json().get("title").asText()).isEqualTo("Invalid API token");
		}
		BrowserSession session = BrowserSession.logIn(rest.getRootUri(), "issuer");
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth("tobira_" + "B".repeat(43));
		headers.add(HttpHeaders.COOKIE, session.cookie());
		assertThat(rest.exchange("/api/v1/applications", HttpMethod.GET, new HttpEntity<>(headers), String.class)
			.getStatusCode()
			.value()).as("a bad token with a good session cookie").isEqualTo(401);
	}

	@Test
	void aMissingOrOverlongNameOrAnExpiryOutOfRangeIsRefusedAndNothingStored() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		long before = tokenRows();
		for (String[] refusal : new String[][] { { "{}", "name" }, { "{\"name\": \"  \"}", "name" },
				{ "{\"name\": \"" + "x".repeat(101) + "\"}", "name" },
				{ "{\"name\": \"ok\", \"expiresInDays\": 0}", "expiresInDays" },
				{ "{\"name\": \"ok\", \"expiresInDays\": 366}", "expiresInDays" } }) {
			ApiClient.Response refused = issuer.postJson("/api/v1/api-tokens", refusal[0]);
			assertThat(refused.status()).as(refusal[0]).isEqualTo(400);
			assertThat(refused.json().at("/errors/0/field").asText()).as(refusal[0]).isEqualTo(refusal[1]);
		}
		ApiClient.Response both = issuer.postJson("/api/v1/api-tokens", "{\"expiresInDays\": 400}");
		assertThat(both.status()).isEqualTo(400);
		assertThat(both.json().findValuesAsText("field")).containsExactly("name", "expiresInDays");
		assertThat(tokenRows()).isEqualTo(before);
	}

	@Test
	void aTokenCannotMakeAnotherToken() {
		String token = tokenOf(make("issuer", "Cannot mint").get("id").asText());
		long before = tokenRows();
		assertThat(bearer(token, HttpMethod.POST, "/api/v1/api-tokens", "{\"name\": \"successor\"}").status())
			.isEqualTo(403);
		assertThat(tokenRows()).isEqualTo(before);
	}

	@Test
	void aDisabledUsersTokenIsRefused() {
		String username = "tokens-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(username, passwords.encode("demo"), "Token tester", organisationOf("issuer"),
				Set.of(Group.ISSUER));
		String token = new ApiClient(rest, username).postJson("/api/v1/api-tokens", "{\"name\": \"Soon disabled\"}")
			.json()
			.get("token")
			.asText();
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(200);

		jdbc.sql("UPDATE app.users SET enabled = false WHERE username = ?").param(username).update();

		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(401);
	}

	@Test
	void aTokenStopsWhenItsUserMovesToAnotherOrganisation() {
		String username = "tokens-" + UUID.randomUUID().toString().substring(0, 8);
		users.create(username, passwords.encode("demo"), "Token tester", organisationOf("issuer"),
				Set.of(Group.ISSUER));
		String token = new ApiClient(rest, username).postJson("/api/v1/api-tokens", "{\"name\": \"Moves\"}")
			.json()
			.get("token")
			.asText();
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(200);

		jdbc.sql("UPDATE app.users SET organisation_id = ? WHERE username = ?")
			.params(organisationOf("issuer2"), username)
			.update();

		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status())
			.as("a token made for the old organisation does not follow its user to the new one")
			.isEqualTo(401);
	}

	@Test
	void notesTheLastUseAtMostOnceAMinute() {
		String id = make("issuer", "Busy client").get("id").asText();
		String token = tokenOf(id);
		Instant halfAMinuteAgo = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MICROS);
		setLastUsed(id, halfAMinuteAgo);
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(200);
		assertThat(lastUsed(id)).as("noted within the minute: not written again").isEqualTo(halfAMinuteAgo);

		setLastUsed(id, Instant.now().minusSeconds(120));
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/applications", null).status()).isEqualTo(200);
		assertThat(lastUsed(id)).isAfter(Instant.now().minusSeconds(30));
	}

	private void setLastUsed(String id, Instant when) {
		jdbc.sql("UPDATE app.api_token SET last_used_at = ? WHERE id = ?")
			.params(Timestamp.from(when), UUID.fromString(id))
			.update();
	}

	private Instant lastUsed(String id) {
		return jdbc.sql("SELECT last_used_at FROM app.api_token WHERE id = ?")
			.param(UUID.fromString(id))
			.query(Timestamp.class)
			.single()
			.toInstant();
	}

	private UUID organisationOf(String username) {
		return jdbc.sql("SELECT organisation_id FROM app.users WHERE username = ?")
			.param(username)
			.query(UUID.class)
			.single();
	}

	@Test
	void aRequestWithATokenGetsNoSession() {
		String token = tokenOf(make("backing", "Reviewer's script").get("id").asText());
		ApiClient.Response read = bearer(token, HttpMethod.GET, "/api/v1/tasks", null);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.headers().get(HttpHeaders.SET_COOKIE)).isNull();
	}

	@Test
	void theScreenMakesShowsOnceAndRevokes() {
		BrowserSession session = BrowserSession.logIn(rest.getRootUri(), "intake");
		String csrf = session.csrfTokenOn("/account/api-tokens");
		HttpResponse<String> refused = session.postForm("/account/api-tokens",
				"name=&_csrf=" + BrowserSession.encode(csrf));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"t-name-error\"");

		HttpResponse<String> made = session.postForm("/account/api-tokens", "name="
				+ BrowserSession.encode("Intake export") + "&expiresInDays=30&_csrf=" + BrowserSession.encode(csrf));
		assertThat(made.statusCode()).isEqualTo(200);
		String token = made.body().replaceAll("(?s).*id=\"issued-token\">(tobira_[A-Za-z0-9_-]{43})<.*", "$1");
		assertThat(token).startsWith("tobira_").hasSize(50);
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/tasks", null).status()).isEqualTo(200);

		String id = jdbc.sql("SELECT id FROM app.api_token WHERE username = 'intake' AND name = 'Intake export'")
			.query(UUID.class)
			.single()
			.toString();
		HttpResponse<String> list = session.postForm("/account/api-tokens/" + id + "/revoke",
				"_csrf=" + BrowserSession.encode(csrf));
		assertThat(list.statusCode()).isEqualTo(302);
		assertThat(bearer(token, HttpMethod.GET, "/api/v1/tasks", null).status()).isEqualTo(401);
		assertThat(session.csrfTokenOn("/account/api-tokens")).isNotBlank();

		HttpResponse<String> withoutCsrf = session.postForm("/account/api-tokens", "name=forged");
		assertThat(withoutCsrf.statusCode()).isEqualTo(403);
	}

	private JsonNode make(String username, String name) {
		ApiClient.Response made = new ApiClient(rest, username).postJson("/api/v1/api-tokens",
				"{\"name\": \"" + name + "\"}");
		assertThat(made.status()).as("%s", made).isEqualTo(201);
		issued.put(made.json().get("id").asText(), made.json().get("token").asText());
		return made.json();
	}

	private final java.util.Map<String, String> issued = new java.util.HashMap<>();

	private String tokenOf(String id) {
		return issued.get(id);
	}

	private ApiClient.Response bearer(String token, HttpMethod method, String path, String json) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		if (json != null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
		return new ApiClient.Response(rest.exchange(path, method, new HttpEntity<>(json, headers), String.class));
	}

	private static JsonNode find(JsonNode tokens, String id) {
		for (JsonNode token : tokens) {
			if (token.get("id").asText().equals(id)) {
				return token;
			}
		}
		throw new AssertionError("no token " + id + " in " + tokens);
	}

	private long tokenRows() {
		return jdbc.sql("SELECT count(*) FROM app.api_token").query(Long.class).single();
	}

	record Entry(String actor, String caseReference, String kind, JsonNode payload) {
	}

	private long lastWritten() {
		return jdbc.sql("SELECT coalesce(max(id), 0) FROM app.audit_entry").query(Long.class).single();
	}

	/**
	 * The entries written since the mark by the issuer's actions; other tests share the
	 * chain, and the engine's steps write as {@code system}.
	 */
	private List<Entry> entriesAfter(long mark) {
		return jdbc.sql("""
				SELECT actor, case_reference, kind, payload FROM app.audit_entry
				WHERE id > ? AND actor = 'issuer' ORDER BY id
				""")
			.param(mark)
			.query((rs, row) -> new Entry(rs.getString("actor"), rs.getString("case_reference"), rs.getString("kind"),
					json(rs.getString("payload"))))
			.list();
	}

	private static JsonNode json(String text) {
		try {
			return Fixtures.JSON.readTree(text);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
