package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;

/** The issuer's side of the pinned API, on a real server, with the canonical application. */
@TobiraIntegrationTest
class IssuerApiIntegrationTests {

	static final List<String> DOCUMENT_TYPES = ApiClient.REQUIRED_DOCUMENTS;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Test
	void carriesTheCanonicalApplicationFromDraftToSubmissionWithEveryStepAudited() {
		ApiClient issuer = new ApiClient(rest, "issuer");

		ApiClient.Response created = issuer.postJson("/api/v1/applications", Fixtures.exampleJson());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode draft = created.json();
		String id = draft.get("id").asText();
		String reference = draft.get("reference").asText();
		assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
		assertThat(reference).matches("EQ-\\d{4}-\\d{6}");
		assertThat(created.headers().getLocation()).hasToString(
				rest.getRootUri() + "/api/v1/applications/" + id);

		List<String> hashes = new ArrayList<>();
		for (String type : DOCUMENT_TYPES) {
			ApiClient.Response uploaded = issuer.upload(id, type, type.toLowerCase() + ".pdf",
					Fixtures.pdf(reference + " " + type), "application/pdf");
			assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
			assertThat(uploaded.json().get("id").asText()).isNotBlank();
			assertThat(uploaded.json().get("sha256").asText()).matches("[0-9a-f]{64}");
			assertThat(uploaded.json().get("mediaType").asText()).isEqualTo("application/pdf");
			hashes.add(uploaded.json().get("sha256").asText());
		}

		ApiClient.Response submitted = issuer.post("/api/v1/applications/" + id + "/submit");
		assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
		assertThat(submitted.json().get("status").asText()).isEqualTo("SUBMITTED");

		JsonNode read = issuer.get("/api/v1/applications/" + id).json();
		assertThat(read.get("reference").asText()).isEqualTo(reference);
		assertThat(read.get("coverageRatio").asText()).isEqualTo("1.010000");
		assertThat(read.get("token").get("symbol").asText()).isEqualTo("EXD");
		assertThat(read.get("documents")).hasSize(8);
		assertThat(read.get("documents").findValuesAsText("sha256")).containsExactlyInAnyOrderElementsOf(hashes);

		List<String> failed = new ArrayList<>();
		read.get("checks").forEach(check -> {
			if (check.hasNonNull("flag")) {
				failed.add(check.get("flag").asText());
			}
		});
		assertThat(read.get("flags").findValuesAsText("")).isEmpty();
		assertThat(toList(read.get("flags"))).containsExactlyElementsOf(failed);
		JsonNode coverage = find(read.get("checks"), "RESERVE_COVERAGE");
		assertThat(coverage.get("value").asText()).isEqualTo("1.010000");
		assertThat(coverage.get("threshold").asText()).isEqualTo("≥ 1.00");
		assertThat(coverage.get("evaluated").asBoolean()).isTrue();
		assertThat(coverage.hasNonNull("flag")).isFalse();

		List<String> kinds = jdbc.sql("SELECT kind FROM app.audit_entry WHERE case_reference = ? ORDER BY seq")
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
		JsonNode verified = new ApiClient(rest, "admin").get("/api/v1/audit/verify").json();
		assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
		assertThat(verified.get("entries").asLong()).isGreaterThanOrEqualTo(kinds.size());
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
		assertThat(issuer2.upload(id, "TRUST_DEED", "deed.pdf", Fixtures.pdf("other issuer"), "application/pdf")
			.status()).isEqualTo(404);
		assertThat(issuer2.post("/api/v1/applications/" + id + "/submit").status()).isEqualTo(404);
		assertThat(issuer2.post("/api/v1/applications/" + id + "/withdraw").status()).isEqualTo(404);
		assertThat(issuer2.get("/api/v1/applications").json().findValuesAsText("id")).doesNotContain(id);
		assertThat(issuer.get("/api/v1/applications").json().findValuesAsText("id")).contains(id);
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
