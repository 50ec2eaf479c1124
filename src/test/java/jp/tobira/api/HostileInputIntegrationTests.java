package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.security.BrowserSession;

/**
 * ARCHITECTURE.md §9, hostile input: NUL and other control characters at every door (a
 * JSON body, a form, a file name, a query parameter, a path variable), a multipart body
 * that cannot be read, and a pegged currency that is no circulating money. Each is
 * refused with a 4xx naming the field or parameter (a problem under {@code /api}, a page
 * on the screens), and no row is stored.
 */
@TobiraIntegrationTest
class HostileInputIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	ApiClient issuer;

	final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeEach
	void issuer() {
		issuer = new ApiClient(rest, "issuer");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u0000", "\u0007", "\u001b", "\u007f", "\u0085" })
	void refusesAControlCharacterInAJsonTextFieldNamingIt(String control) {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("issuer")).put("legalName", "Example" + control + " Trust");
		assertProblem(() -> issuer.postJson("/api/v1/applications", body.toString()), 400, "issuer.legalName");
	}

	@Test
	void refusesNulInATextOfAListAndInARevision() {
		ObjectNode custodians = Fixtures.example();
		((com.fasterxml.jackson.databind.node.ArrayNode) custodians.at("/trust/custodians")).add("Bank\u0000");
		assertProblem(() -> issuer.postJson("/api/v1/applications", custodians.toString()), 400, "trust.custodians[3]");

		String id = draft();
		ObjectNode revision = Fixtures.example();
		((ObjectNode) revision.get("token")).put("name", "\u0000");
		assertProblem(() -> issuer.putJson("/api/v1/applications/" + id, revision.toString()), 400, "token.name");
	}

	/**
	 * A task's form is read as a tree, not into a record: the same rule holds, and the
	 * request for information it would have sent is not sent.
	 */
	@Test
	void refusesNulInATaskFormReadAsATree() {
		ApiClient.Case submitted = issuer.submitCanonical();
		ApiClient intake = new ApiClient(rest, "intake");
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		assertProblem(() -> intake.complete(check,
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"Please send it\\u0000\"}"), 400,
				"message");
		assertProblem(() -> intake.complete(check,
				"{\"complete\": false, \"missing\": [\"AUDIT\\u0007REPORT\"], \"message\": \"Please send it\"}"), 400,
				"missing[0]");
		assertThat(intake.taskId(submitted.reference(), "checkCompleteness")).as("the task is still open")
			.isEqualTo(check);
	}

	@Test
	void refusesAControlCharacterInAnUploadedFileName() {
		String id = draft();
		assertProblem(
				() -> issuer.upload(id, "TRUST_DEED", "deed\u0000.pdf", Fixtures.pdf("nul name"), "application/pdf"),
				400, "file");
		assertProblem(
				() -> issuer.upload(id, "TRUST_DEED", "deed\u0001.pdf", Fixtures.pdf("soh name"), "application/pdf"),
				400, "file");
	}

	@Test
	void refusesNulInAQueryParameterOfTheApiNamingIt() {
		assertProblem(() -> raw("admin", "GET", "/api/v1/audit?actor=%00"), 400, "actor");
		assertProblem(() -> raw("admin", "GET", "/api/v1/audit?reference=x%01y"), 400, "reference");
	}

	/**
	 * C0 characters in the address itself are refused before any handler (Tomcat refuses
	 * %00, Spring Security's firewall the rest); a C1 character comes through to the
	 * handler's path variable.
	 */
	@Test
	void refusesAControlCharacterInAPathVariableNamingIt() {
		assertProblem(() -> raw("intake", "POST", "/api/v1/tasks/a%C2%85b/claim"), 400, "id");
	}

	@Test
	void answersNulInAScreensQueryParameterWithTheBadRequestPage() {
		BrowserSession intake = BrowserSession.logIn(rest.getRootUri(), "intake");
		assertPage(() -> get(intake, "/tasks?task=%00"), 400);
	}

	@Test
	void answersNulInAFormFieldWithTheBadRequestPage() {
		BrowserSession session = BrowserSession.logIn(rest.getRootUri(), "issuer");
		String csrf = session.csrfTokenOn("/applications/new");
		HttpResponse<String> page = assertPage(() -> session.postForm("/applications/new", "issuer.legalName="
				+ BrowserSession.encode("Example\u0000Trust") + "&_csrf=" + BrowserSession.encode(csrf)), 400);
		assertThat(page.body()).containsAnyOf("control character", "制御文字");
	}

	/**
	 * A body cut by a boundary other than the one declared, and a Content-Type that
	 * declares none.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "multipart/form-data; boundary=declared", "multipart/form-data" })
	void refusesAMultipartBodyThatCannotBeRead(String contentType) {
		String id = draft();
		String credentials = Base64.getEncoder().encodeToString("issuer:demo".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> refused = counted(
				() -> send(unreadableMultipart("/api/v1/applications/" + id + "/documents", contentType)
					.header("Authorization", "Basic " + credentials)));
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"field\":\"body\"");
	}

	@Test
	void answersAMultipartBodyThatCannotBeReadWithTheBadRequestPage() {
		String id = draft();
		BrowserSession session = BrowserSession.logIn(rest.getRootUri(), "issuer");
		String csrf = session.csrfTokenOn("/applications/" + id + "/edit/documents");
		assertPage(() -> send(
				unreadableMultipart("/applications/" + id + "/documents?_csrf=" + BrowserSession.encode(csrf),
						"multipart/form-data")
					.header("Cookie", session.cookie())
					.header("Accept", "text/html")),
				400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XDR", "XBA", "XSU", "XUA", "USN", "BOV", "CLF",
			"COU", "MXV", "UYI", "CHE", "CHW" })
	void refusesAPeggedCurrencyThatIsNoCirculatingMoney(String code) {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("token")).put("peggedCurrency", code);
		assertProblem(() -> issuer.postJson("/api/v1/applications", body.toString()), 400, "token.peggedCurrency");
	}

	private String draft() {
		return issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();
	}

	/**
	 * A multipart request whose body is cut by a boundary other than the one its
	 * Content-Type declares (if any).
	 */
	private HttpRequest.Builder unreadableMultipart(String path, String contentType) {
		String body = "--actual\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nTRUST_DEED\r\n"
				+ "--actual\r\nContent-Disposition: form-data; name=\"file\"; filename=\"deed.pdf\"\r\n"
				+ "Content-Type: application/pdf\r\n\r\n%PDF-1.4 hostile\r\n--actual--\r\n";
		return HttpRequest.newBuilder(URI.create(rest.getRootUri() + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	/**
	 * An API call with the address sent as written: TestRestTemplate would encode its
	 * percent signs.
	 */
	private ApiClient.Response raw(String username, String method, String path) {
		String credentials = Base64.getEncoder().encodeToString((username + ":demo").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + path))
			.header("Authorization", "Basic " + credentials)
			.method(method, HttpRequest.BodyPublishers.noBody()));
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		response.headers().map().forEach(headers::addAll);
		return new ApiClient.Response(
				new org.springframework.http.ResponseEntity<>(response.body(), headers, response.statusCode()));
	}

	private HttpResponse<String> get(BrowserSession session, String path) {
		return send(HttpRequest.newBuilder(URI.create(rest.getRootUri() + path))
			.header("Cookie", session.cookie())
			.header("Accept", "text/html"));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void assertProblem(Supplier<ApiClient.Response> call, int status, String field) {
		ApiClient.Response response = counted(call);
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.headers().getContentType()).hasToString("application/problem+json");
		assertThat(response.json().get("errors").findValuesAsText("field")).as(response.toString()).contains(field);
	}

	private HttpResponse<String> assertPage(Supplier<HttpResponse<String>> call, int status) {
		HttpResponse<String> response = counted(call);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).as(response.headers().map().toString())
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).contains("<html").doesNotContain("\"status\":");
		return response;
	}

	/** The call, with the rows of the application's tables the same before and after. */
	private <T> T counted(Supplier<T> call) {
		long[] before = counts();
		T response = call.get();
		assertThat(counts()).as("rows in application, document, audit_entry, reference_counter, rfi").isEqualTo(before);
		return response;
	}

	private long[] counts() {
		return new long[] { count("app.application"), count("app.document"), count("app.audit_entry"),
				jdbc.sql("SELECT coalesce(sum(last_value), 0) FROM app.reference_counter").query(Long.class).single(),
				count("app.rfi") };
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
