package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;

/**
 * The issuer's side of the pinned API, on a real server, with the canonical application.
 */
@TobiraIntegrationTest
class IssuerApiIntegrationTests {

	static final List<String> DOCUMENT_TYPES = ApiClient.REQUIRED_DOCUMENTS;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	/**
	 * The checks judge ages against today, so the test fixes today: the engine's clock is
	 * the application's (EngineClock). On 25 November 2026 (a Wednesday, a business day)
	 * the canonical application's attestation is 15 days old and its audit 8 months; only
	 * its US jurisdiction, under assessment, raises a flag.
	 */
	static final Instant TODAY = Instant.parse("2026-11-25T01:00:00Z");

	@BeforeEach
	void pinTheClock() {
		ClockUtil.setCurrentTime(Date.from(TODAY));
	}

	@AfterEach
	void releaseTheClock() {
		ClockUtil.reset();
	}

	@Test
	void carriesTheCanonicalApplicationFromDraftToSubmissionWithEveryStepAudited() {
		ApiClient issuer = new ApiClient(rest, "issuer");

		ApiClient.Response created = issuer.postJson("/api/v1/applications", Fixtures.exampleJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode draft = created.json();
		String id = draft.get("id").asText();
		String reference = draft.get("reference").asText();
		assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
		assertThat(reference).matches("EQ-2026-\\d{6}");
		assertThat(created.headers().getLocation()).hasToString(rest.getRootUri() + "/api/v1/applications/" + id);

		Map<String, String> hashesByDocument = new LinkedHashMap<>();
		for (String type : DOCUMENT_TYPES) {
			ApiClient.Response uploaded = issuer.upload(id, type, type.toLowerCase() + ".pdf",
					Fixtures.pdf(reference + " " + type), "application/pdf");
			assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
			assertThat(uploaded.json().get("id").asText()).isNotBlank();
			assertThat(uploaded.json().get("sha256").asText()).matches("[0-9a-f]{64}");
			assertThat(uploaded.json().get("mediaType").asText()).isEqualTo("application/pdf");
			hashesByDocument.put(uploaded.json().get("id").asText(), uploaded.json().get("sha256").asText());
		}

		ApiClient.Response submitted = issuer.post("/api/v1/applications/" + id + "/submit");
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
		assertThat(submitted.json().get("status").asText()).isEqualTo("SUBMITTED");

		JsonNode read = issuer.get("/api/v1/applications/" + id).json();
		assertThat(read.get("reference").asText()).isEqualTo(reference);
		assertThat(read.get("status").asText()).isEqualTo("SUBMITTED");
		assertThat(read.get("stage").asText()).isEqualTo("COMPLETENESS_CHECK");
		// the day of submission does not count (the first day is not counted, Civil Code
		// art. 140)
		assertThat(read.at("/clock/day").asInt()).as(read.get("clock").toString()).isEqualTo(0);
		assertThat(read.at("/clock/of").asInt()).isEqualTo(60);
		assertThat(read.at("/clock/paused").isBoolean()).isTrue();
		assertThat(read.at("/clock/paused").asBoolean()).isFalse();
		assertThat(read.get("coverageRatio").asText()).isEqualTo("1.010000");
		assertThat(read.get("token").get("symbol").asText()).isEqualTo("EXD");
		assertThat(read.get("documents")).hasSize(8);
		assertThat(read.get("documents").findValuesAsText("sha256"))
			.containsExactlyInAnyOrderElementsOf(hashesByDocument.values());

		// known in advance, not derived from the same report: US is under assessment,
		// every other check passes
		assertThat(toList(read.get("flags"))).containsExactly("UNDER_ASSESSMENT");
		JsonNode jurisdiction = find(read.get("checks"), "JURISDICTION");
		assertThat(jurisdiction.get("flag").asText()).isEqualTo("UNDER_ASSESSMENT");
		read.get("checks")
			.forEach(check -> assertThat(check.get("evaluated").asBoolean()).as(check.toString()).isTrue());
		assertThat(read.get("checks").findValuesAsText("flag")).containsExactly("UNDER_ASSESSMENT");
		JsonNode coverage = find(read.get("checks"), "RESERVE_COVERAGE");
		assertThat(coverage.get("value").asText()).isEqualTo("1.010000");
		assertThat(coverage.get("threshold").asText()).isEqualTo("≥ 1.00");
		assertThat(coverage.hasNonNull("flag")).isFalse();

		List<String> kinds = jdbc.sql("SELECT kind FROM app.audit_entry WHERE case_reference = ? ORDER BY id")
			.param(reference)
			.query(String.class)
			.list();
		assertThat(kinds).startsWith("APPLICATION_CREATED")
			.contains("APPLICATION_SUBMITTED")
			.filteredOn("DOCUMENT_STORED"::equals)
			.hasSize(8);
		JsonNode trail = new ApiClient(rest, "intake").get("/api/v1/applications/" + id + "/audit").json();
		assertThat(trail.findValuesAsText("kind")).containsAll(List.of("APPLICATION_CREATED", "DOCUMENT_STORED",
				"APPLICATION_SUBMITTED", "PROCESS_STARTED", "TASK_CREATED"));
		List<String> storedHashes = jdbc.sql("""
				SELECT payload::jsonb ->> 'sha256' FROM app.audit_entry
				WHERE case_reference = ? AND kind = 'DOCUMENT_STORED' ORDER BY id
				""").param(reference).query(String.class).list();
		assertThat(storedHashes).as("each DOCUMENT_STORED entry names the hash the upload returned")
			.containsExactlyElementsOf(hashesByDocument.values());
		JsonNode verified = new ApiClient(rest, "admin").get("/api/v1/audit/verify").json();
		assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
		assertThat(verified.get("entries").asLong()).isGreaterThanOrEqualTo(kinds.size());

		// the pre-screen runs once intake finds the case complete; it stores the same
		// flags the view showed
		ApiClient intake = new ApiClient(rest, "intake");
		String task = intake.taskId(reference, "checkCompleteness");
		assertThat(intake.post("/api/v1/tasks/" + task + "/claim").status()).isEqualTo(200);
		ApiClient.Response complete = intake.complete(task, "{\"complete\": true}");
		assertThat(complete.status()).as(complete.toString()).isEqualTo(200);
		assertThat(jdbc.sql("SELECT flag FROM app.case_flag WHERE application_id = ?::uuid ORDER BY flag")
			.param(id)
			.query(String.class)
			.list()).containsExactly("UNDER_ASSESSMENT");
		assertThat(toList(issuer.get("/api/v1/applications/" + id).json().get("flags")))
			.containsExactly("UNDER_ASSESSMENT");
	}

	private static List<String> toList(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(node -> values.add(node.asText()));
		return values;
	}

	private static JsonNode find(JsonNode checks, String check) {
		for (JsonNode node : checks) {
			if (node.get("check").asText().equals(check)) {
				return node;
			}
		}
		throw new AssertionError("no check " + check + " in " + checks);
	}

	@Test
	void hidesOneIssuersApplicationFromAnotherAsIfItDidNotExist() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient issuer2 = new ApiClient(rest, "issuer2");
		String id = issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();

		ApiClient.Response read = issuer2.get("/api/v1/applications/" + id);
		ApiClient.Response missing = issuer2.get("/api/v1/applications/" + java.util.UUID.randomUUID());
		assertThat(read.status()).isEqualTo(404);
		assertThat(read.json().get("detail")).isEqualTo(missing.json().get("detail"));
		assertThat(
				issuer2.upload(id, "TRUST_DEED", "deed.pdf", Fixtures.pdf("other issuer"), "application/pdf").status())
			.isEqualTo(404);
		assertThat(issuer2.post("/api/v1/applications/" + id + "/submit").status()).isEqualTo(404);
		assertThat(issuer2.post("/api/v1/applications/" + id + "/withdraw").status()).isEqualTo(404);
		assertThat(issuer2.get("/api/v1/applications").json().findValuesAsText("id")).doesNotContain(id);
		assertThat(issuer.get("/api/v1/applications").json().findValuesAsText("id")).contains(id);
	}

	@Test
	void hidesASubmittedApplicationFromAnotherIssuerOnEveryPathAndStoresNothing() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient issuer2 = new ApiClient(rest, "issuer2");
		ApiClient.Case submitted = issuer.submitCanonical();
		String path = "/api/v1/applications/" + submitted.id();
		String before = issuer.get(path).body();
		List<Long> rows = rowCounts();

		assertThat(issuer2.get(path).status()).as("GET").isEqualTo(404);
		assertThat(issuer2.get(path + "/documents").status()).as("GET documents").isEqualTo(404);
		assertThat(issuer2.get(path + "/audit").status()).as("GET audit").isEqualTo(404);
		assertThat(issuer2.putJson(path, Fixtures.exampleJson()).status()).as("PUT").isEqualTo(404);
		assertThat(issuer2.postJson(path + "/withdraw", "{\"reason\":\"not mine\"}").status()).as("withdraw")
			.isEqualTo(404);
		assertThat(issuer2
			.answerRfi(submitted.id(), "an answer to nobody", "OTHER", "answer.pdf", Fixtures.pdf("issuer2 answer"))
			.status()).as("rfi-response").isEqualTo(404);

		assertThat(rowCounts()).as("application, document, audit_entry, rfi rows").isEqualTo(rows);
		JsonNode after = issuer.get(path).json();
		assertThat(after.get("status").asText()).isEqualTo("SUBMITTED");
		assertThat(after.get("documents")).hasSize(8);
		assertThat(issuer.get(path).body()).isEqualTo(before);
	}

	private List<Long> rowCounts() {
		return List.of("app.application", "app.document", "app.audit_entry", "app.rfi")
			.stream()
			.map(table -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single())
			.toList();
	}

	@Test
	void alwaysShowsThePinnedClockAndDecisionFieldsEvenWhenTheyAreNull() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Response created = issuer.postJson("/api/v1/applications", Fixtures.exampleJson());
		String id = created.json().get("id").asText();

		for (JsonNode draft : List.of(created.json(), issuer.get("/api/v1/applications/" + id).json())) {
			assertThat(draft.has("clock")).as(draft.toString()).isTrue();
			assertThat(draft.get("clock").isNull()).isTrue();
			assertThat(draft.has("decision")).as(draft.toString()).isTrue();
			assertThat(draft.get("decision").isNull()).isTrue();
			// other absent values stay out of the body
			assertThat(draft.has("submittedAt")).isFalse();
		}

		ApiClient.Case submitted = issuer.submitCanonical();
		JsonNode read = issuer.get("/api/v1/applications/" + submitted.id()).json();
		assertThat(read.get("clock").isObject()).as(read.toString()).isTrue();
		assertThat(read.has("decision")).isTrue();
		assertThat(read.get("decision").isNull()).isTrue();
	}

	@Test
	void letsSupervisorStaffReadButNotChangeAnIssuersDraft() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		String id = issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();

		assertThat(intake.get("/api/v1/applications/" + id).status()).isEqualTo(200);
		assertThat(intake.postJson("/api/v1/applications", Fixtures.exampleJson()).status()).isEqualTo(403);
		assertThat(intake.post("/api/v1/applications/" + id + "/submit").status()).isEqualTo(403);
	}

	@Test
	void withdrawsADraft() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		String id = issuer.postJson("/api/v1/applications", Fixtures.exampleJson()).json().get("id").asText();

		ApiClient.Response withdrawn = issuer.postJson("/api/v1/applications/" + id + "/withdraw",
				"{\"reason\":\"filed by mistake\"}");

		assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
		assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
		assertThat(issuer.post("/api/v1/applications/" + id + "/withdraw").status()).isEqualTo(409);
		assertThat(issuer.post("/api/v1/applications/" + id + "/submit").status()).isEqualTo(409);
	}

	@Test
	void asksForCredentialsAsAProblem() {
		ApiClient anonymous = new ApiClient(rest, null);
		ApiClient.Response response = anonymous.get("/api/v1/applications");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().getContentType()).hasToString("application/problem+json");
		assertThat(response.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
	}

}
