package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.security.BrowserSession;

/**
 * ARCHITECTURE.md §9: bad input gets a 4xx problem naming the field, and nothing is
 * stored. Each case counts the rows of the application's tables (applications, documents,
 * audit entries, references handed out) before and after.
 */
@TobiraIntegrationTest
class BadInputIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	ApiClient issuer;

	@BeforeEach
	void issuer() {
		issuer = new ApiClient(rest, "issuer");
	}

	@Test
	void refusesANegativeAmountNamingItsField() {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.at("/reserves/assets/0")).put("amount", "-5.00");
		assertRefusedWithoutTrace(() -> createWith(body), 400, "reserves.assets[0].amount");
	}

	@Test
	void refusesANonNumericAmountNamingItsField() {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("token")).put("outstandingSupply", "one billion");
		assertRefusedWithoutTrace(() -> createWith(body), 400, "token.outstandingSupply");
	}

	@Test
	void refusesADateInTheFuture() {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("audit")).put("lastAttestationDate", "2999-01-01");
		assertRefusedWithoutTrace(() -> createWith(body), 400, "audit.lastAttestationDate");
	}

	/**
	 * "Tomorrow" by the application's clock (Tokyo), the first day that is in the future.
	 */
	@ParameterizedTest
	@ValueSource(
			strings = { "/token/supplyAsOf", "/reserves/asOf", "/audit/lastAuditDate", "/audit/lastAttestationDate" })
	void refusesTomorrowForEveryAsOfDate(String pointer) {
		ObjectNode body = Fixtures.example();
		String parent = pointer.substring(0, pointer.lastIndexOf('/'));
		String name = pointer.substring(pointer.lastIndexOf('/') + 1);
		((ObjectNode) body.at(parent)).put(name, LocalDate.now(clock).plusDays(1).toString());
		assertRefusedWithoutTrace(() -> createWith(body), 400, pointer.substring(1).replace('/', '.'));
	}

	@ParameterizedTest
	@CsvSource({ "/token,outstandingSupply,-1.00", "/token,outstandingSupply,0", "/redemption,feePercent,-0.01",
			"/redemption,maxBusinessDays,-1" })
	void refusesANumberBelowItsLowerBoundNamingItsField(String parent, String name, String value) {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.at(parent)).put(name, new java.math.BigDecimal(value));
		assertRefusedWithoutTrace(() -> createWith(body), 400, parent.substring(1) + "." + name);
	}

	@Test
	void refusesAnImpossibleDate() {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("reserves")).put("asOf", "2026-02-30");
		assertRefusedWithoutTrace(() -> createWith(body), 400, "reserves.asOf");
	}

	@Test
	void refusesUnknownIsoCodes() {
		ObjectNode country = Fixtures.example();
		((ObjectNode) country.get("issuer")).put("jurisdiction", "XX");
		assertRefusedWithoutTrace(() -> createWith(country), 400, "issuer.jurisdiction");

		ObjectNode currency = Fixtures.example();
		((ObjectNode) currency.get("token")).put("peggedCurrency", "ZZZ");
		assertRefusedWithoutTrace(() -> createWith(currency), 400, "token.peggedCurrency");
	}

	@Test
	void refusesTextOverTheLengthLimit() {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("issuer")).put("legalName", "x".repeat(201));
		assertRefusedWithoutTrace(() -> createWith(body), 400, "issuer.legalName");
	}

	@Test
	void refusesAMalformedEmailAddress() {
		ObjectNode body = Fixtures.example();
		((ObjectNode) body.get("issuer")).put("contactEmail", "compliance at example");
		assertRefusedWithoutTrace(() -> createWith(body), 400, "issuer.contactEmail");
	}

	@Test
	void refusesAnUnknownAssetClassAndAnUnknownField() {
		ObjectNode assetClass = Fixtures.example();
		((ObjectNode) assetClass.at("/reserves/assets/1")).put("assetClass", "GOLD");
		assertRefusedWithoutTrace(() -> createWith(assetClass), 400, "reserves.assets[1].assetClass");

		ObjectNode unknown = Fixtures.example();
		((ObjectNode) unknown.get("token")).put("colour", "green");
		assertRefusedWithoutTrace(() -> createWith(unknown), 400, "token.colour");
	}

	@Test
	void refusesMalformedJson() {
		assertRefusedWithoutTrace(() -> issuer.postJson("/api/v1/applications", "{\"issuer\": {"), 400, "body");
	}

	@Test
	void refusesAnEmptyFile() {
		String id = draft();
		assertRefusedWithoutTrace(() -> issuer.upload(id, "TRUST_DEED", "deed.pdf", new byte[0], "application/pdf"),
				400, "file");
	}

	@Test
	void refusesAFileWhoseContentIsNotTheTypeItClaims() {
		String id = draft();
		assertRefusedWithoutTrace(() -> issuer.upload(id, "TRUST_DEED", "deed.pdf", Fixtures.png(), "application/pdf"),
				400, "file");
		assertRefusedWithoutTrace(
				() -> issuer.upload(id, "OTHER", "figures.xlsx", Fixtures.plainZip(), "application/octet-stream"), 400,
				"file");
		assertRefusedWithoutTrace(() -> issuer.upload(id, "OTHER", "figures.csv", Fixtures.png(), "text/csv"), 400,
				"file");
		assertRefusedWithoutTrace(
				() -> issuer.upload(id, "OTHER", "run.exe", Fixtures.pdf("exe"), "application/octet-stream"), 400,
				"file");
	}

	@Test
	void refusesAPdfDeclaredAsAnImage() {
		String id = draft();
		// the file name decides the type; a part that declares another type is refused
		assertRefusedWithoutTrace(
				() -> issuer.upload(id, "TRUST_DEED", "deed.pdf", Fixtures.pdf("declared png"), "image/png"), 400,
				"file");
		// and the content must be what the name says, whatever the part declares
		assertRefusedWithoutTrace(() -> issuer.upload(id, "OTHER", "chart.png", Fixtures.pdf("named png"), "image/png"),
				400, "file");
	}

	@Test
	void refusesAFileNameOverTwoHundredFiftyFiveCharacters() {
		String id = draft();
		String name = "x".repeat(252) + ".pdf";
		assertThat(name).hasSize(256);
		assertRefusedWithoutTrace(
				() -> issuer.upload(id, "TRUST_DEED", name, Fixtures.pdf("long name"), "application/pdf"), 400, "file");
		assertThat(issuer.upload(id, "TRUST_DEED", name.substring(1), Fixtures.pdf("long name"), "application/pdf")
			.status()).as("255 characters are allowed").isEqualTo(201);
	}

	@Test
	void acceptsEachAllowedTypeByItsContent() {
		String id = draft();
		assertThat(
				issuer.upload(id, "OTHER", "chart.png", Fixtures.png(), "image/png").json().get("mediaType").asText())
			.isEqualTo("image/png");
		assertThat(issuer.upload(id, "OTHER", "reserves.xlsx", Fixtures.xlsx(), "application/octet-stream")
			.json()
			.get("mediaType")
			.asText()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
		assertThat(issuer
			.upload(id, "OTHER", "reserves.csv",
					"asset,amount\nCASH,150000000.00\n国債,1\n".getBytes(StandardCharsets.UTF_8), "text/csv")
			.json()
			.get("mediaType")
			.asText()).isEqualTo("text/csv");
	}

	@Test
	void refusesAFileOverTheSizeLimit() {
		String id = draft();
		byte[] pdf = Fixtures.pdf("big");
		byte[] big = new byte[25 * 1024 * 1024 + 1];
		System.arraycopy(pdf, 0, big, 0, pdf.length);
		assertRefusedWithoutTrace(() -> issuer.upload(id, "TRUST_DEED", "deed.pdf", big, "application/pdf"), 413,
				"file");
	}

	@Test
	void refusesTheSameFileTwice() {
		String id = draft();
		byte[] pdf = Fixtures.pdf("only once");
		assertThat(issuer.upload(id, "TRUST_DEED", "deed.pdf", pdf, "application/pdf").status()).isEqualTo(201);
		assertRefusedWithoutTrace(() -> issuer.upload(id, "WHITE_PAPER", "copy.pdf", pdf, "application/pdf"), 409,
				"file");
	}

	@Test
	void refusesAnUnknownOrMissingDocumentType() {
		String id = draft();
		assertRefusedWithoutTrace(
				() -> issuer.upload(id, "PASSPORT", "deed.pdf", Fixtures.pdf("t1"), "application/pdf"), 400, "type");
		assertRefusedWithoutTrace(() -> issuer.upload(id, null, "deed.pdf", Fixtures.pdf("t2"), "application/pdf"), 400,
				"type");
	}

	@Test
	void refusesSubmissionNamingEveryMissingFieldAndDocument() {
		ObjectNode body = Fixtures.example();
		body.remove("intermediary");
		((ObjectNode) body.get("token")).remove("symbol");
		String id = issuer.postJson("/api/v1/applications", body.toString()).json().get("id").asText();
		issuer.upload(id, "TRUST_DEED", "deed.pdf", Fixtures.pdf("deed " + id), "application/pdf");

		ApiClient.Response refused = assertRefusedWithoutTrace(
				() -> issuer.post("/api/v1/applications/" + id + "/submit"), 422, "intermediary");
		List<String> missing = refused.json().get("missing").findValuesAsText("").isEmpty()
				? toList(refused.json().get("missing")) : List.of();
		assertThat(missing).contains("intermediary", "token.symbol", "documents.AUDIT_REPORT", "documents.WHITE_PAPER")
			.doesNotContain("documents.TRUST_DEED", "documents.OTHER");
		assertThat(issuer.get("/api/v1/applications/" + id).json().get("status").asText()).isEqualTo("DRAFT");
	}

	@Test
	void refusesAFormPostRidingOnASessionWithoutItsCsrfToken() {
		String session = BrowserSession.logIn(rest.getRootUri(), "issuer").cookie();
		assertRefusedWithoutTrace(() -> {
			HttpHeaders headers = new HttpHeaders();
			headers.add(HttpHeaders.COOKIE, session);
			headers.setContentType(MediaType.APPLICATION_JSON);
			return new ApiClient.Response(rest.exchange("/api/v1/applications", HttpMethod.POST,
					new HttpEntity<>(Fixtures.exampleJson(), headers), String.class));
		}, 403, null);
	}

	@Test
	void answersAnotherIssuersAttemptsWithNotFoundAndStoresNothing() {
		String id = draft();
		String path = "/api/v1/applications/" + id;
		ApiClient issuer2 = new ApiClient(rest, "issuer2");
		assertRefusedWithoutTrace(() -> issuer2.get(path), 404, null);
		assertRefusedWithoutTrace(() -> issuer2.putJson(path, Fixtures.exampleJson()), 404, null);
		assertRefusedWithoutTrace(
				() -> issuer2.upload(id, "TRUST_DEED", "deed.pdf", Fixtures.pdf("not yours " + id), "application/pdf"),
				404, null);
		assertRefusedWithoutTrace(() -> issuer2.post(path + "/submit"), 404, null);
		assertRefusedWithoutTrace(() -> issuer2.post(path + "/withdraw"), 404, null);
		assertThat(issuer.get(path).json().get("status").asText()).isEqualTo("DRAFT");
	}

	@Test
	void refusesAnUnknownIdAsNotFound() {
		assertThat(issuer.get("/api/v1/applications/not-a-uuid").status()).isEqualTo(404);
	}

	private ApiClient.Response createWith(JsonNode body) {
		return issuer.postJson("/api/v1/applications", body.toString());
	}

	private String draft() {
		return issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();
	}

	private ApiClient.Response assertRefusedWithoutTrace(Supplier<ApiClient.Response> call, int status, String field) {
		long[] before = counts();
		ApiClient.Response response = call.get();
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.headers().getContentType()).hasToString("application/problem+json");
		if (field != null) {
			assertThat(response.json().get("errors").findValuesAsText("field")).as(response.toString()).contains(field);
		}
		assertThat(counts()).as("rows in application, document, audit_entry, reference_counter").isEqualTo(before);
		return response;
	}

	private long[] counts() {
		return new long[] { count("app.application"), count("app.document"), count("app.audit_entry"),
				jdbc.sql("SELECT coalesce(sum(last_value), 0) FROM app.reference_counter").query(Long.class).single() };
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private static List<String> toList(JsonNode array) {
		List<String> values = new java.util.ArrayList<>();
		array.forEach(node -> values.add(node.asText()));
		return values;
	}

}
