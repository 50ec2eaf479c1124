package jp.tobira.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * Who may open which screen, per role, over real HTTP with a form log-in: another
 * organisation's issuer pages are not found (404, not revealing that they exist), staff
 * are refused the issuer's actions (403 page), and a user outside a task's group can
 * neither open nor claim, save or complete it.
 */
@TobiraIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageAccessIntegrationTests {

	/**
	 * The 403 page's title in either language (the language is the user's stored choice).
	 */
	static final String[] NOT_ALLOWED = { "Not allowed", "許可されていません" };

	static final List<String> STAFF = List.of("intake", "backing", "cooperation", "decision", "admin");

	@LocalServerPort
	int port;

	@Autowired
	TestRestTemplate rest;

	String caseId;

	String reference;

	String draftId;

	String draftReference;

	String intakeTask;

	@BeforeAll
	void prepare() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient.Case submitted = issuer.submitCanonical();
		caseId = submitted.id();
		reference = submitted.reference();
		JsonNode draft = issuer.postJson("/api/v1/applications", jp.tobira.Fixtures.exampleJson()).json();
		draftId = draft.get("id").asText();
		draftReference = draft.get("reference").asText();
		intakeTask = new ApiClient(rest, "intake").taskId(reference, "checkCompleteness");
	}

	@Test
	void hidesAnotherOrganisationsIssuerPagesAsNotFound() {
		PageSession other = session("issuer2");
		for (String path : List.of("/cases/" + caseId, "/cases/" + caseId + "/withdraw",
				"/applications/" + draftId + "/edit/issuer", "/applications/" + draftId + "/edit/token",
				"/applications/" + draftId + "/edit/documents", "/applications/" + draftId + "/edit/summary")) {
			assertNotFound(other.get(path), "GET " + path);
		}
		assertNotFound(other.post("/cases/" + caseId + "/withdraw", Map.of("reason", "not mine")), "withdraw");
		assertNotFound(other.post("/cases/" + caseId + "/rfi-response", Map.of("message", "not mine")), "answer");
		assertNotFound(other.post("/applications/" + draftId + "/edit/issuer", Map.of("issuer.legalName", "Taken")),
				"edit a draft");
		assertNotFound(other.post("/applications/" + draftId + "/submit", Map.of()), "submit a draft");
		assertThat(other.get("/applications").body()).doesNotContain(reference).doesNotContain(draftReference);

		ApiClient owner = new ApiClient(rest, "issuer");
		assertThat(owner.get("/api/v1/applications/" + caseId).json().get("status").asText()).isNotEqualTo("WITHDRAWN");
		assertThat(owner.get("/api/v1/applications/" + draftId).json().get("status").asText()).isEqualTo("DRAFT");
		assertThat(owner.get("/api/v1/applications/" + draftId).json().at("/content/issuer/legalName").asText())
			.isNotEqualTo("Taken");
	}

	@Test
	void refusesStaffTheIssuersPagesAndActions() {
		for (String username : STAFF) {
			PageSession staff = session(username);
			for (String path : List.of("/applications", "/applications/new", "/cases/" + caseId + "/withdraw",
					"/applications/" + draftId + "/edit/issuer")) {
				assertForbidden(staff.get(path), username + " GET " + path);
			}
			assertForbidden(staff.post("/cases/" + caseId + "/withdraw", Map.of("reason", "staff")),
					username + " withdraws");
			assertForbidden(staff.post("/cases/" + caseId + "/rfi-response", Map.of("message", "staff")),
					username + " answers");
			assertForbidden(staff.post("/applications/" + draftId + "/submit", Map.of()), username + " submits");
		}
		assertThat(new ApiClient(rest, "issuer").get("/api/v1/applications/" + caseId).json().get("status").asText())
			.isNotEqualTo("WITHDRAWN");
		// the case page itself is for staff too
		HttpResponse<String> casePage = session("intake").get("/cases/" + caseId);
		assertThat(casePage.statusCode()).isEqualTo(200);
		assertThat(casePage.body()).contains(reference);
	}

	@Test
	void keepsATaskFromEveryoneOutsideItsGroup() {
		for (String username : List.of("issuer", "issuer2", "backing", "cooperation", "decision", "admin")) {
			PageSession outsider = session(username);
			HttpResponse<String> page = outsider.get("/tasks/" + intakeTask);
			assertThat(page.body()).as(username + " opens the intake task")
				.containsAnyOf(NOT_ALLOWED)
				.doesNotContain("name=\"complete\"")
				.doesNotContain(reference);
			assertRefusedWithoutEffect(outsider.post("/tasks/" + intakeTask + "/claim", Map.of()),
					username + " claims");
			assertRefusedWithoutEffect(outsider.post("/tasks/" + intakeTask + "/save", Map.of("note", "outsider")),
					username + " saves");
			assertRefusedWithoutEffect(outsider.post("/tasks/" + intakeTask + "/complete", Map.of("complete", "true")),
					username + " completes");
		}
		JsonNode task = openIntakeTask();
		assertThat(task).as("the task is still open").isNotNull();
		assertThat(task.path("assignee").isNull() || task.path("assignee").isMissingNode()).as("nobody claimed it")
			.isTrue();
		HttpResponse<String> own = session("intake").get("/tasks/" + intakeTask);
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(own.body()).contains("name=\"complete\"").doesNotContain("outsider");
	}

	@Test
	void answersATaskOutsideTheUsersGroupsWithStatus403AndAnUnknownOneWith404() {
		assertThat(session("backing").get("/tasks/" + intakeTask).statusCode()).isEqualTo(403);
		assertThat(session("intake").get("/tasks/no-such-task").statusCode()).isEqualTo(404);
	}

	private JsonNode openIntakeTask() {
		for (JsonNode task : new ApiClient(rest, "intake").get("/api/v1/tasks?size=200").json()) {
			if (task.get("id").asText().equals(intakeTask)) {
				return task;
			}
		}
		return null;
	}

	private PageSession session(String username) {
		return PageSession.logIn("http://localhost:" + port, username);
	}

	private static void assertNotFound(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).as(what).containsAnyOf("Not found", "見つかりません");
	}

	private static void assertForbidden(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).as(what)
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).as(what).containsAnyOf(NOT_ALLOWED);
	}

	/**
	 * A refused task action: the 403 page, or back to the task list with the refusal as a
	 * message.
	 */
	private static void assertRefusedWithoutEffect(HttpResponse<String> response, String what) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isIn(302, 403);
		if (response.statusCode() == 302) {
			assertThat(response.headers().firstValue("Location")).as(what)
				.hasValueSatisfying(location -> assertThat(location).doesNotContain("queue=GROUPS"));
		}
	}

}
