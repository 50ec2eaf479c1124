package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * Internal notes over HTTP: the supervisor's staff write and read them, newest first,
 * each audited with its text; the issuer is answered 404 as for another's case, and
 * neither its case nor its audit trail carries a note; bad text is refused naming the
 * field with nothing stored or audited; a note is never changed once written.
 */
@TobiraIntegrationTest
class CaseNotesIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	ApiClient issuer;

	ApiClient backing;

	ApiClient intake;

	ApiClient decision;

	@BeforeEach
	void setUp() {
		issuer = new ApiClient(rest, "issuer");
		backing = new ApiClient(rest, "backing");
		intake = new ApiClient(rest, "intake");
		decision = new ApiClient(rest, "decision");
	}

	@Test
	void staffWriteNotesThatEveryStaffGroupReadsNewestFirstEachAuditedWithItsText() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String path = "/api/v1/applications/" + submitted.id() + "/notes";

		ApiClient.Response first = backing.postJson(path, note("Reserve attestation: ask about the T-bill ladder."));
		assertThat(first.status()).as(first.toString()).isEqualTo(201);
		assertThat(first.json().get("author").asText()).isEqualTo("backing");
		assertThat(first.json().get("text").asText()).isEqualTo("Reserve attestation: ask about the T-bill ladder.");
		ApiClient.Response second = intake.postJson(path, note("Spoke to the intermediary.\nThey will call back."));
		assertThat(second.status()).as(second.toString()).isEqualTo(201);

		JsonNode notes = decision.get(path).json();
		assertThat(notes.findValuesAsText("author")).as("newest first").containsExactly("intake", "backing");
		assertThat(notes.get(0).get("text").asText()).isEqualTo("Spoke to the intermediary.\nThey will call back.");
		assertThat(notes.get(0).get("writtenAt").asText()).isNotBlank();

		List<JsonNode> audited = new ArrayList<>();
		decision.get("/api/v1/applications/" + submitted.id() + "/audit").json().forEach(entry -> {
			if (entry.get("kind").asText().equals("NOTE_ADDED")) {
				audited.add(entry);
			}
		});
		assertThat(audited).extracting(entry -> entry.get("actor").asText()).containsExactly("backing", "intake");
		assertThat(audited.get(0).get("payload").asText()).contains("Reserve attestation: ask about the T-bill ladder.",
				first.json().get("id").asText());
	}

	@Test
	void anIssuerIsAnsweredAsForAnotherIssuersCaseAndNeverSeesANote() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String path = "/api/v1/applications/" + submitted.id() + "/notes";
		String secret = "Internal: the home regulator hinted at a pending enforcement action.";
		assertThat(backing.postJson(path, note(secret)).status()).isEqualTo(201);
		long notes = count("app.case_note");

		ApiClient.Response read = issuer.get(path);
		assertThat(read.status()).as(read.toString()).isEqualTo(404);
		assertThat(read.body()).doesNotContain(secret);
		assertThat(issuer.postJson(path, note("Let me in")).status()).isEqualTo(404);
		assertThat(new ApiClient(rest, "issuer2").get(path).status()).isEqualTo(404);
		assertThat(count("app.case_note")).as("nothing stored for the issuer").isEqualTo(notes);

		ApiClient.Response theCase = issuer.get("/api/v1/applications/" + submitted.id());
		assertThat(theCase.status()).isEqualTo(200);
		assertThat(theCase.body()).doesNotContain(secret).doesNotContainIgnoringCase("note");
		ApiClient.Response trail = issuer.get("/api/v1/applications/" + submitted.id() + "/audit");
		assertThat(trail.status()).isEqualTo(200);
		assertThat(trail.body()).doesNotContain(secret).doesNotContain("NOTE_ADDED");
		assertThat(backing.get("/api/v1/applications/" + submitted.id() + "/audit").body())
			.as("staff see it in the trail")
			.contains("NOTE_ADDED");
	}

	@Test
	void refusesEmptyOverlongOrControlCharacterTextNamingTheFieldAndStoringNothing() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String path = "/api/v1/applications/" + submitted.id() + "/notes";
		long notes = count("app.case_note");
		long entries = noteEntries();
		List<String> wrong = new ArrayList<>();
		for (String body : List.of("{}", note(""), note("   \n  "), note("x".repeat(4001)), note("before\u0000after"),
				note("bell\u0007"))) {
			ApiClient.Response response = backing.postJson(path, body);
			if (response.status() != 400
					|| !response.json().path("errors").findValuesAsText("field").contains("text")) {
				wrong.add(body.substring(0, Math.min(body.length(), 40)) + " → " + response);
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(backing.postJson(path, note("x".repeat(4000))).status()).as("the limit itself").isEqualTo(201);
		assertThat(count("app.case_note")).as("only the note at the limit").isEqualTo(notes + 1);
		assertThat(noteEntries()).isEqualTo(entries + 1);
	}

	@Test
	void aNoteIsNeverChangedOrRemovedOnceWritten() {
		ApiClient.Case submitted = issuer.submitCanonical();
		assertThat(backing.postJson("/api/v1/applications/" + submitted.id() + "/notes", note("As written")).status())
			.isEqualTo(201);

		assertThatThrownBy(
				() -> jdbc.sql("UPDATE app.case_note SET body = 'Rewritten' WHERE body = 'As written'").update())
			.isInstanceOf(DataAccessException.class);
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM app.case_note WHERE body = 'As written'").update())
			.isInstanceOf(DataAccessException.class);
		assertThat(backing.get("/api/v1/applications/" + submitted.id() + "/notes").json().get(0).get("text").asText())
			.isEqualTo("As written");
	}

	private static String note(String text) {
		return Fixtures.JSON.createObjectNode().put("text", text).toString();
	}

	private long noteEntries() {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'NOTE_ADDED'").query(Long.class).single();
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

}
