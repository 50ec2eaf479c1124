package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The task API's refusals over HTTP on a real server: each a problem detail whose
 * {@code detail} a person can act on, with the status ARCHITECTURE.md §9 asks for, and
 * nothing recorded for an attempt that was refused; and the claims and unclaims that did
 * happen in the case's trail.
 */
@TobiraIntegrationTest
class TaskApiIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	ApiClient issuer;

	ApiClient intake;

	ApiClient backing;

	ApiClient cooperation;

	ApiClient decision2;

	@BeforeEach
	void setUp() {
		issuer = new ApiClient(rest, "issuer");
		intake = new ApiClient(rest, "intake");
		backing = new ApiClient(rest, "backing");
		cooperation = new ApiClient(rest, "cooperation");
		decision2 = new ApiClient(rest, "decision2");
		// the decision that passes four eyes must pass the legal gates too
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
	}

	@Test
	void refusesATaskToSomeoneOutsideItsGroupAndRecordsNothing() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		int trail = trail(submitted).size();

		ApiClient.Response refused = cooperation.complete(check, "{\"complete\": true}");

		assertProblem(refused, 403);
		assertThat(refused.json().get("detail").asText()).contains("cooperation", "Check completeness");
		assertProblem(cooperation.post("/api/v1/tasks/" + check + "/claim"), 403);
		assertThat(trail(submitted)).as("no trace of the refused attempts").hasSize(trail);
		assertThat(intake.get("/api/v1/tasks?size=200").json().findValuesAsText("id")).contains(check);
	}

	@Test
	void letsOneReviewerHoldATaskAndTellsTheOthersWhoHoldsIt() {
		ApiClient.Case submitted = issuer.submitCanonical();
		intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
		String review = backing.taskId(submitted.reference(), "reviewBacking");

		ApiClient.Response claimed = backing.post("/api/v1/tasks/" + review + "/claim");
		assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
		assertThat(claimed.json().get("assignee").asText()).isEqualTo("backing");

		ApiClient.Response taken = decision2.post("/api/v1/tasks/" + review + "/claim");
		assertProblem(taken, 409);
		assertThat(taken.json().get("detail").asText()).contains("already claimed by backing", submitted.reference());

		ApiClient.Response notTheirs = decision2.complete(review, "{\"outcome\": \"SATISFACTORY\"}");
		assertProblem(notTheirs, 409);
		assertThat(notTheirs.json().get("detail").asText()).contains("claimed by backing", "only they can complete it");

		assertProblem(decision2.post("/api/v1/tasks/" + review + "/unclaim"), 409);
		ApiClient.Response released = backing.post("/api/v1/tasks/" + review + "/unclaim");
		assertThat(released.status()).as(released.toString()).isEqualTo(200);
		JsonNode open = backing.get("/api/v1/tasks?size=200").json();
		assertThat(open.findParents("id")).filteredOn(task -> task.get("id").asText().equals(review))
			.singleElement()
			.satisfies(task -> assertThat(task.path("assignee").asText(null)).as("unassigned").isNull());

		ApiClient.Response done = decision2.complete(review, "{\"outcome\": \"SATISFACTORY\"}");
		assertThat(done.status()).as("free again, anyone of the group may take it: " + done).isEqualTo(200);

		assertThat(trail(submitted).findValuesAsText("kind")).contains("TASK_CREATED", "TASK_CLAIMED", "TASK_UNCLAIMED",
				"TASK_COMPLETED");
		assertThat(trail(submitted)).filteredOn(entry -> entry.get("kind").asText().equals("TASK_UNCLAIMED"))
			.singleElement()
			.satisfies(entry -> assertThat(entry.toString()).contains("backing", review));
	}

	@Test
	void refusesToCompleteATaskTwiceNamingWhoCompletedIt() {
		ApiClient.Case submitted = issuer.submitCanonical();
		String check = intake.taskId(submitted.reference(), "checkCompleteness");
		assertThat(intake.complete(check, "{\"complete\": true}").status()).isEqualTo(200);
		int trail = trail(submitted).size();

		ApiClient.Response again = intake.complete(check, "{\"complete\": true}");

		assertProblem(again, 409);
		assertThat(again.json().get("detail").asText()).contains("Check completeness", "already completed by intake");
		assertThat(trail(submitted)).hasSize(trail);
		assertProblem(intake.complete("no-such-task", "{\"complete\": true}"), 404);
	}

	@Test
	void refusesTheDecisionToSomeoneWhoReviewedTheCase() {
		ApiClient.Case submitted = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
		assertThat(decision2
			.complete(decision2.taskId(submitted.reference(), "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}")
			.status()).isEqualTo(200);
		cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-JFSA-MOU-2026\"}");
		String decide = decision2.taskId(submitted.reference(), "decide");
		int trail = trail(submitted).size();

		ApiClient.Response refused = decision2.complete(decide,
				"{\"decision\": \"APPROVE_WITH_CONDITIONS\", \"conditions\": \"Monthly attestations.\"}");

		assertProblem(refused, 403);
		assertThat(refused.json().get("title").asText()).isEqualTo("Four-eyes rule");
		assertThat(refused.json().get("detail").asText()).contains("decision2", submitted.reference(), "reviewBacking",
				"Another member of the decision group must decide");
		assertProblem(decision2.post("/api/v1/tasks/" + decide + "/claim"), 403);
		assertThat(trail(submitted)).as("neither the claim nor the completion is recorded").hasSize(trail);
		assertThat(issuer.get("/api/v1/applications/" + submitted.id()).json().get("status").asText())
			.isEqualTo("IN_REVIEW");

		ApiClient decision = new ApiClient(rest, "decision");
		assertThat(decision
			.complete(decide, "{\"decision\": \"APPROVE_WITH_CONDITIONS\", \"conditions\": \"Monthly attestations.\"}")
			.status()).isEqualTo(200);
	}

	private JsonNode trail(ApiClient.Case submitted) {
		return intake.get("/api/v1/applications/" + submitted.id() + "/audit").json();
	}

	private static void assertProblem(ApiClient.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(response.headers().getContentType()))
			.as("problem+json: %s", response.headers().getContentType())
			.isTrue();
		assertThat(response.json().get("detail").asText()).as("a detail a person can read").hasSizeGreaterThan(15);
	}

}
