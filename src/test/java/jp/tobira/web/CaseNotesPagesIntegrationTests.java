package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * Internal notes through the screens' forms: a note from a task screen names its task in
 * the table and in its audit entry; bad text comes back to the form with nothing stored;
 * the issuer's case page never carries a note, and its post of one is answered 404.
 */
@TobiraIntegrationTest
class CaseNotesPagesIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNoteFromTheTaskScreenNamesItsTaskAndTheIssuersPageNeverShowsIt() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		String task = new ApiClient(rest, "intake").taskId(submitted.reference(), "checkCompleteness");
		PageSession intake = PageSession.logIn("http://localhost:" + port, "intake");
		String text = "Checked the governing-law clause of the deed by phone.";

		HttpResponse<String> added = intake.post("/tasks/" + task + "/notes", Map.of("text", text));

		assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
		assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/tasks/" + task + "#notes");
		assertThat(jdbc.sql("SELECT task_id FROM app.case_note WHERE application_id = ?::uuid")
			.param(submitted.id())
			.query(String.class)
			.list()).containsExactly(task);
		assertThat(jdbc.sql(
				"SELECT payload::jsonb ->> 'taskId' FROM app.audit_entry WHERE kind = 'NOTE_ADDED' AND case_reference = ?")
			.param(submitted.reference())
			.query(String.class)
			.list()).containsExactly(task);
		assertThat(intake.get("/tasks/" + task).body()).contains(text);
		assertThat(intake.get("/cases/" + submitted.id()).body()).contains(text);

		PageSession issuer = PageSession.logIn("http://localhost:" + port, "issuer");
		HttpResponse<String> casePage = issuer.get("/cases/" + submitted.id());
		assertThat(casePage.statusCode()).isEqualTo(200);
		assertThat(casePage.body()).contains(submitted.reference()).doesNotContain(text).doesNotContain("id=\"notes\"");
		HttpResponse<String> byTheIssuer = issuer.post("/cases/" + submitted.id() + "/notes",
				Map.of("text", "Mine too"));
		assertThat(byTheIssuer.statusCode()).isEqualTo(404);
		assertThat(notesOn(submitted)).isEqualTo(1);
	}

	@Test
	void badTextComesBackToTheFormAndNothingIsStored() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		PageSession backing = PageSession.logIn("http://localhost:" + port, "backing");

		HttpResponse<String> empty = backing.post("/cases/" + submitted.id() + "/notes", Map.of("text", "  "));
		assertThat(empty.statusCode()).isEqualTo(302);
		String page = backing.get("/cases/" + submitted.id()).body();
		assertThat(page).contains("id=\"note-text-error\"", "aria-invalid=\"true\"");
		HttpResponse<String> tooLong = backing.post("/cases/" + submitted.id() + "/notes",
				Map.of("text", "x".repeat(4001)));
		assertThat(tooLong.statusCode()).isEqualTo(302);
		HttpResponse<String> nul = backing.post("/cases/" + submitted.id() + "/notes", Map.of("text", "a\u0000b"));
		assertThat(nul.statusCode()).as("refused at the door").isEqualTo(400);

		assertThat(notesOn(submitted)).isZero();
		assertThat(jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE kind = 'NOTE_ADDED' AND case_reference = ?")
			.param(submitted.reference())
			.query(Long.class)
			.single()).isZero();
	}

	private long notesOn(ApiClient.Case submitted) {
		return jdbc.sql("SELECT count(*) FROM app.case_note WHERE application_id = ?::uuid")
			.param(submitted.id())
			.query(Long.class)
			.single();
	}

}
