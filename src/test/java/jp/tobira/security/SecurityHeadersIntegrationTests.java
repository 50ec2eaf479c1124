package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * The headers of OWASP ASVS V14.4 on pages and API answers, as the running application
 * sends them: a Content Security Policy without {@code unsafe-inline} on every page,
 * nothing loadable from an API answer, the referrer and browser features held in, HSTS on
 * HTTPS, and session cookies no script can read.
 */
@TobiraIntegrationTest
class SecurityHeadersIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	WebApplicationContext context;

	@Test
	void everyPageCarriesAStrictContentSecurityPolicyAndTheOtherHeaders() {
		for (String page : List.of("/login", "/register", "/tasks", "/admin", "/admin/jurisdictions", "/dashboard",
				"/no-such-page")) {
			ResponseEntity<String> response = page.equals("/login") || page.equals("/register")
					? rest.getForEntity(page, String.class)
					: rest.withBasicAuth("admin", "demo").getForEntity(page, String.class);
			HttpHeaders headers = response.getHeaders();
			String policy = headers.getFirst("Content-Security-Policy");
			assertThat(policy).as(page)
				.contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
						"object-src 'none'", "form-action 'self'");
			assertThat(policy).as(page).doesNotContain("unsafe-inline", "unsafe-eval");
			assertThat(headers.get("Content-Security-Policy")).as("one policy only").hasSize(1);
			assertThat(headers.getFirst("Referrer-Policy")).as(page).isEqualTo("same-origin");
			assertThat(headers.getFirst("Permissions-Policy")).as(page).contains("camera=()", "geolocation=()");
			assertThat(headers.getFirst("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
			assertThat(headers.getFirst("X-Frame-Options")).as(page).isEqualTo("DENY");
		}
	}

	@Test
	void anApiAnswerMayLoadNothing() {
		HttpHeaders headers = new ApiClient(rest, "issuer").get("/api/v1/rulebook").headers();
		assertThat(headers.getFirst("Content-Security-Policy")).startsWith("default-src 'none'")
			.doesNotContain("unsafe-inline");
		assertThat(headers.getFirst("Referrer-Policy")).isEqualTo("same-origin");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void aSecureRequestIsToldToStayOnHttps() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		MockHttpServletResponse secure = mvc.perform(get("/login").secure(true)).andReturn().getResponse();
		assertThat(secure.getHeader("Strict-Transport-Security")).contains("max-age=");
		MockHttpServletResponse plain = mvc.perform(get("/login")).andReturn().getResponse();
		assertThat(plain.getHeader("Strict-Transport-Security")).as("HSTS means nothing over plain HTTP").isNull();
	}

	@Test
	void theSessionCookieIsHiddenFromScriptsAndOtherSites() {
		ResponseEntity<String> login = rest.getForEntity("/login", String.class);
		String cookie = login.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
		assertThat(cookie).contains("HttpOnly", "SameSite=Lax");
	}

}
