package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * What an API token saves (issue 11): the median time to read one case with a token
 * against with HTTP Basic, whose every call checks a bcrypt hash. It prints the figures
 * for BENCHMARKS.md and asserts only that every read succeeded: timing depends on the
 * machine and what else runs on it. The tests' demo users are hashed cheaply (the test
 * configuration lowers bcrypt's strength), so the issuer read here has a password hashed
 * at the application's default strength, as a production user's is.
 */
@TobiraIntegrationTest
class ApiTokenReadTimingIntegrationTests {

	private static final int WARM_UP = 10;

	private static final int REQUESTS = 50;

	private static final String USERNAME = "timing-issuer";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Users users;

	@Autowired
	Organisations organisations;

	@Test
	void printsTheMedianReadWithATokenAndWithBasic() {
		if (!users.exists(USERNAME)) {
			users.create(USERNAME, "{bcrypt}" + new BCryptPasswordEncoder(10).encode("demo"), "Timing issuer",
					organisations.create("Timing issuer's organisation"), java.util.Set.of(Group.ISSUER));
		}
		ApiClient issuer = new ApiClient(rest, USERNAME);
		String path = "/api/v1/applications/"
				+ issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();
		String token = issuer.postJson("/api/v1/api-tokens", "{\"name\": \"Timing\"}").json().get("token").asText();
		HttpHeaders bearer = new HttpHeaders();
		bearer.setBearerAuth(token);
		TestRestTemplate basic = rest.withBasicAuth(USERNAME, "demo");

		double tokenMedian = median(() -> rest.exchange(path, HttpMethod.GET, new HttpEntity<>(bearer), String.class));
		double basicMedian = median(() -> basic.getForEntity(path, String.class));

		System.out.printf("API TOKEN TIMING: GET one case, p50 of %d: token %.1f ms, Basic %.1f ms%n", REQUESTS,
				tokenMedian, basicMedian);
	}

	private static double median(Supplier<ResponseEntity<String>> read) {
		for (int i = 0; i < WARM_UP; i++) {
			assertThat(read.get().getStatusCode().value()).isEqualTo(200);
		}
		double[] millis = new double[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			ResponseEntity<String> response = read.get();
			millis[i] = (System.nanoTime() - start) / 1e6;
			assertThat(response.getStatusCode().value()).isEqualTo(200);
		}
		Arrays.sort(millis);
		return (millis[REQUESTS / 2 - 1] + millis[REQUESTS / 2]) / 2;
	}

}
