package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * The screens answer their errors with pages and the JSON API with problem details, each
 * with the proper status: also for what Spring MVC refuses before any controller is
 * chosen (an upload over the container's limit, a wrong method), which is decided by the
 * address.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageErrorsIntegrationTests {

	/**
	 * Over the container's multipart limit (spring.servlet.multipart.max-file-size, 30
	 * MB).
	 */
	static final int OVER_THE_CONTAINER_LIMIT = 30 * 1024 * 1024 + 16 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	ApiClient issuer;

	String caseId;

	@BeforeAll
	void prepare() {
		issuer = new ApiClient(rest, "issuer");
		caseId = issuer.submitCanonical().id();
	}

	@Test
	void answersADoubleSubmissionWithTheConflictPage() {
		HttpResponse<String> again = session().post("/applications/" + caseId + "/submit", Map.of());
		assertPage(again, 409);
		assertThat(again.body()).containsAnyOf("Already changed", "既に変更されています");
	}

	@Test
	void answersAPageUploadOverTheContainerLimitWithAPage() {
		String draft = issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();
		HttpResponse<String> refused = session().upload("/applications/" + draft + "/documents", "TRUST_DEED",
				"deed.pdf", oversized());
		assertPage(refused, 413);
		assertThat(refused.body()).containsAnyOf("The file is too large", "ファイルが大きすぎます");
		assertThat(issuer.get("/api/v1/applications/" + draft + "/documents").json()).isEmpty();
	}

	@Test
	void answersAnApiUploadOverTheContainerLimitWithAProblem() {
		String draft = issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();
		HttpResponse<String> refused = PageSession.apiUpload("http://localhost:" + port, "issuer",
				"/api/v1/applications/" + draft + "/documents", "TRUST_DEED", "deed.pdf", oversized());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"field\":\"file\"");
	}

	@Test
	void answersAWrongMethodWithAPageOrAProblemByAddress() {
		HttpResponse<String> page = session().get("/applications/" + caseId + "/submit");
		assertPage(page, 405);
		ApiClient.Response api = issuer.get("/api/v1/applications/" + caseId + "/submit");
		assertThat(api.status()).as(api.toString()).isEqualTo(405);
		assertThat(api.headers().getContentType()).hasToString("application/problem+json");
	}

	@Test
	void answersAnUnknownAddressWithTheNotFoundPageOrAProblemByAddress() {
		assertPage(session().get("/no-such-page"), 404);
		ApiClient.Response api = issuer.get("/api/v1/no-such-resource");
		assertThat(api.status()).as(api.toString()).isEqualTo(404);
		assertThat(api.headers().getContentType()).hasToString("application/problem+json");
	}

	@Test
	void answersAMalformedIdWithTheNotFoundPage() {
		assertPage(session().get("/cases/not-a-uuid"), 404);
		assertThat(issuer.get("/api/v1/applications/not-a-uuid").status()).isEqualTo(404);
	}

	@Test
	void keepsTheSignedInHeaderAndTheLanguageSwitchOnAnErrorPageNoControllerReached() {
		HttpResponse<String> page = session().get("/no/such/page?x=1");
		assertPage(page, 404);
		assertThat(page.body()).as("the header names the user and offers the way out")
			.contains("Example Trust compliance")
			.contains("action=\"/logout\"")
			.as("the language switch stays on the address that failed")
			.contains("href=\"/no/such/page?lang=ja\"");
	}

	private PageSession session() {
		return PageSession.logIn("http://localhost:" + port, "issuer");
	}

	private static byte[] oversized() {
		byte[] pdf = Fixtures.pdf("too big");
		byte[] big = new byte[OVER_THE_CONTAINER_LIMIT];
		System.arraycopy(pdf, 0, big, 0, pdf.length);
		return big;
	}

	private static void assertPage(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.headers().map() + " " + response.body())
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<html").doesNotContain("\"status\":");
	}

}
