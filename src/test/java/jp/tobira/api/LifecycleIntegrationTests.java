package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.lowagie.text.pdf.PdfReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The whole lifecycle of the canonical application through the pinned HTTP API on a real
 * server: each step by the user whose job it is, the decision by someone who reviewed
 * nothing, then the register, the letter and the trail.
 */
@TobiraIntegrationTest
class LifecycleIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	/** The legal gates let no approval through from a framework not judged equivalent. */
	@BeforeEach
	void judgeTheHomeFrameworkEquivalent() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
	}

	@Test
	void carriesTheCanonicalApplicationFromDraftToTheRegister() throws Exception {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient cooperation = new ApiClient(rest, "cooperation");
		ApiClient decision = new ApiClient(rest, "decision");

		JsonNode draft = issuer.postJson("/api/v1/applications", Fixtures.exampleJsonFrom(Fixtures.EQUIVALENT_HOME))
			.json();
		String id = draft.get("id").asText();
		String reference = draft.get("reference").asText();
		for (String type : IssuerApiIntegrationTests.DOCUMENT_TYPES) {
			assertThat(
					issuer.upload(id, type, type + ".pdf", Fixtures.pdf(reference + type), "application/pdf").status())
				.isEqualTo(201);
		}
		JsonNode submitted = issuer.post("/api/v1/applications/" + id + "/submit").json();
		assertThat(submitted.get("status").asText()).isEqualTo("SUBMITTED");
		assertThat(submitted.get("clock").get("of").asInt()).isEqualTo(60);
		assertThat(submitted.get("clock").get("paused").asBoolean()).isFalse();

		// intake asks for a signed audit report; the clock pauses
		assertThat(intake.complete(intake.taskId(reference, "checkCompleteness"),
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"Please send the signed report.\"}")
			.status()).isEqualTo(200);
		JsonNode waiting = issuer.get("/api/v1/applications/" + id).json();
		assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_ISSUER");
		assertThat(waiting.get("clock").get("paused").asBoolean()).isTrue();

		// the issuer answers with a new version of the audit report
		ApiClient.Response answered = issuer.answerRfi(id, "Signed report attached.", "AUDIT_REPORT",
				"audit-signed.pdf", Fixtures.pdf(reference + " signed audit"));
		assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
		assertThat(answered.json().get("status").asText()).as("back in the completeness check").isEqualTo("SUBMITTED");
		assertThat(answered.json().get("clock").get("paused").asBoolean()).isFalse();

		intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": true}");
		assertThat(backing.complete(backing.taskId(reference, "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}")
			.status()).isEqualTo(200);
		cooperation.complete(cooperation.taskId(reference, "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(reference, "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-JFSA-MOU-2026\"}");

		ApiClient.Response decided = decision.complete(decision.taskId(reference, "decide"),
				"{\"decision\": \"APPROVE_WITH_CONDITIONS\", \"conditions\": \"Monthly reserve attestations to the supervisor.\", "
						+ "\"reasons\": \"Backing and audit in order; monthly attestations keep the reserves in view.\"}");
		assertThat(decided.status()).as(decided.toString()).isEqualTo(200);

		JsonNode approved = issuer.get("/api/v1/applications/" + id).json();
		assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
		assertThat(approved.get("decision").get("decision").asText()).isEqualTo("APPROVE_WITH_CONDITIONS");
		String recordSha256 = approved.get("decision").get("recordSha256").asText();
		assertThat(recordSha256).matches("[0-9a-f]{64}");

		// the public register, without log-in, in three forms
		ApiClient anonymous = new ApiClient(rest, null);
		JsonNode register = anonymous.get("/api/v1/register").json();
		JsonNode entry = null;
		for (JsonNode candidate : register) {
			if (candidate.get("reference").asText().equals(reference)) {
				entry = candidate;
			}
		}
		assertThat(entry).as("register entry for " + reference).isNotNull();
		assertThat(entry.get("symbol").asText()).isEqualTo("EXD");
		assertThat(entry.get("status").asText()).isEqualTo("RECOGNISED");
		assertThat(entry.get("conditions").asText()).isEqualTo("Monthly reserve attestations to the supervisor.");
		String csv = anonymous.get("/register.csv").body();
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv.replace("\uFEFF", "")))
			.getRecords();
		assertThat(rows).anySatisfy(row -> {
			assertThat(row.get("reference")).isEqualTo(reference);
			assertThat(row.get("symbol")).isEqualTo("EXD");
		});
		String page = anonymous.get("/register?lang=en").body();
		assertThat(page).contains(reference).contains("Example Dollar").contains("Register of recognised stablecoins");
		assertThat(anonymous.get("/register?lang=ja").body()).contains("認定ステーブルコイン登録簿").contains(reference);

		// the decision letter for the issuer, in both languages, carrying the record's
		// hash
		ResponseEntity<byte[]> pdf = issuer.getBytes("/api/v1/applications/" + id + "/letter?lang=en&format=pdf");
		assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		java.nio.file.Path letters = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "letters"));
		java.nio.file.Files.write(letters.resolve("decision-en.pdf"), pdf.getBody());
		java.nio.file.Files.write(letters.resolve("decision-ja.pdf"),
				issuer.getBytes("/api/v1/applications/" + id + "/letter?lang=ja&format=pdf").getBody());
		try (PdfReader reader = new PdfReader(pdf.getBody())) {
			assertThat(reader.getNumberOfPages()).isEqualTo(1);
			assertThat(reader.getInfo().get("Title")).contains(reference);
		}
		String html = issuer.get("/api/v1/applications/" + id + "/letter?lang=ja&format=html").body();
		assertThat(html).contains("決定通知書").contains(reference).contains(recordSha256);
		assertThat(issuer.getBytes("/api/v1/applications/" + id + "/letter?lang=ja&format=pdf").getStatusCode().value())
			.isEqualTo(200);
		assertThat(new ApiClient(rest, "issuer2").get("/api/v1/applications/" + id + "/letter?format=html").status())
			.isEqualTo(404);

		// the trail: every step recorded, and the chain holds
		JsonNode trail = intake.get("/api/v1/applications/" + id + "/audit").json();
		assertThat(trail.size()).isGreaterThanOrEqualTo(15);
		assertThat(trail.findValuesAsText("kind")).contains("APPLICATION_CREATED", "DOCUMENT_STORED",
				"APPLICATION_SUBMITTED", "PROCESS_STARTED", "TASK_CREATED", "TASK_CLAIMED", "TASK_COMPLETED",
				"RFI_ISSUED", "RFI_RESPONDED", "MESSAGE_SENT", "RECOMMENDATION_MADE", "DECIDED",
				"REGISTER_ENTRY_ADDED");
		JsonNode issuerView = issuer.get("/api/v1/applications/" + id + "/audit").json();
		assertThat(issuerView.findValuesAsText("kind")).contains("DECIDED").doesNotContain("TASK_CLAIMED");
		JsonNode verified = new ApiClient(rest, "admin").get("/api/v1/audit/verify").json();
		assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
	}

}
