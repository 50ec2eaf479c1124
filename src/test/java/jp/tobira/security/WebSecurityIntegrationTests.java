package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;

/**
 * ARCHITECTURE.md §9 and §1: a form post needs its CSRF token, the engine's REST API is
 * for admins only, and only real HTTP Basic credentials excuse a request from the CSRF
 * check.
 */
@TobiraIntegrationTest
class WebSecurityIntegrationTests {

	private static final String NEW_APPLICATION_FORM = "issuer.legalName=" + BrowserSession.encode("CSRF Probe Ltd.");

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Test
	void refusesAWebFormPostWithoutItsCsrfTokenAndStoresNothing() {
		BrowserSession issuer = BrowserSession.logIn(rest.getRootUri(), "issuer");
		long[] before = counts();

		HttpResponse<String> forged = issuer.postForm("/applications/new", NEW_APPLICATION_FORM);

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(counts()).as("applications, audit entries").isEqualTo(before);
	}

	@Test
	void acceptsTheSameWebFormPostWithTheTokenFromThePage() {
		BrowserSession issuer = BrowserSession.logIn(rest.getRootUri(), "issuer");
		String token = issuer.csrfTokenOn("/applications/new");
		long applications = count("app.application");

		HttpResponse<String> posted = issuer.postForm("/applications/new",
				NEW_APPLICATION_FORM + "&_csrf=" + BrowserSession.encode(token));

		assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
		assertThat(posted.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).contains("/applications/").contains("/edit/"));
		assertThat(count("app.application")).isEqualTo(applications + 1);
	}

	@Test
	void keepsTheEngineRestApiInsideTheWebappForAdmins() {
		String tasks = "/camunda/api/engine/engine/default/task";
		assertThat(rest.getForEntity(tasks, String.class).getStatusCode().value()).as("anonymous").isEqualTo(401);
		assertThat(rest.withBasicAuth("issuer", "demo").getForEntity(tasks, String.class).getStatusCode().value())
			.as("issuer")
			.isEqualTo(403);
		assertThat(rest.withBasicAuth("intake", "demo").getForEntity(tasks, String.class).getStatusCode().value())
			.as("a reviewer is not an admin either")
			.isEqualTo(403);
	}

	@Test
	void doesNotServeTheStandaloneEngineRestApi() {
		assertThat(rest.getForEntity("/engine-rest/engine", String.class).getStatusCode().value()).as("anonymous")
			.isEqualTo(401);
		assertThat(rest.withBasicAuth("admin", "demo")
			.getForEntity("/engine-rest/engine", String.class)
			.getStatusCode()
			.value()).as("not there, even for an admin").isEqualTo(404);
		assertThat(rest.withBasicAuth("admin", "demo")
			.getForEntity("/engine-rest/task", String.class)
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	/**
	 * Changed with API tokens: a Bearer header used to be checked by no one, so the CSRF
	 * check had to hold for it; it is now an API token, checked before anything else, and
	 * one that is not a live token is refused (401) whatever session cookie comes along:
	 * the request still neither skips the CSRF check on the session nor changes anything.
	 */
	@Test
	void refusesASessionRequestWithABearerHeaderThatIsNoLiveToken() {
		String session = BrowserSession.logIn(rest.getRootUri(), "issuer").cookie();
		long[] before = counts();
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.COOKIE, session);
		headers.add(HttpHeaders.AUTHORIZATION, "Bearer not-a-token");
		headers.setContentType(MediaType.APPLICATION_JSON);

		ResponseEntity<String> response = rest.exchange("/api/v1/applications", HttpMethod.POST,
				new HttpEntity<>(Fixtures.exampleJson(), headers), String.class);

		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(401);
		assertThat(response.getBody()).contains("Invalid API token");
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void stillTakesHttpBasicWithoutCsrfToken() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> response = rest.withBasicAuth("issuer", "demo")
			.exchange("/api/v1/applications", HttpMethod.POST, new HttpEntity<>(Fixtures.exampleJson(), headers),
					String.class);
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
	}

	private long[] counts() {
		return new long[] { count("app.application"), count("app.audit_entry") };
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
