package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * Bulk actions over HTTP: each task on its own, so a refused one changes nothing and does
 * not stop the others; each change audited as the single action is; assigning only by the
 * decision group and admins, only to a member of the task's group, and never around the
 * four-eyes rule; the request refused whole when it names too many tasks. Every case is
 * made here, so the shared database's other tasks do not matter.
 */
@TobiraIntegrationTest
class BulkTaskActionsIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	ApiClient issuer;

	ApiClient intake;

	ApiClient backing;

	ApiClient decision;

	ApiClient decision2;

	ApiClient cooperation;

	@BeforeEach
	void setUp() {
		issuer = new ApiClient(rest, "issuer");
		intake = new ApiClient(rest, "intake");
		backing = new ApiClient(rest, "backing");
		decision = new ApiClient(rest, "decision");
		decision2 = new ApiClient(rest, "decision2");
		cooperation = new ApiClient(rest, "cooperation");
	}

	@Test
	void claimsEveryTaskItCanAndReportsTheOneSomeoneElseHoldsLeavingItAsItWas() {
		List<ApiClient.Case> cases = List.of(inBackingReview(), inBackingReview(), inBackingReview());
		List<String> reviews = new ArrayList<>();
		cases.forEach(submitted -> reviews.add(backing.taskId(submitted.reference(), "reviewBacking")));
		assertThat(decision2.post("/api/v1/tasks/" + reviews.get(1) + "/claim").status()).isEqualTo(200);
		int heldTrail = trail(cases.get(1)).size();

		ApiClient.Response response = bulk(backing, "claim", reviews, null);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode results = response.json().get("results");
		assertThat(results).hasSize(3);
		assertThat(outcome(results, reviews.get(0))).isEqualTo("DONE");
		assertThat(outcome(results, reviews.get(2))).isEqualTo("DONE");
		assertThat(outcome(results, reviews.get(1))).isEqualTo("REFUSED");
		assertThat(result(results, reviews.get(1)).get("reason").asText()).contains("already claimed by decision2",
				cases.get(1).reference());
		assertThat(response.json().get("done").asInt()).isEqualTo(2);
		assertThat(response.json().get("refused").asInt()).isEqualTo(1);

		assertThat(assignee(backing, reviews.get(0))).isEqualTo("backing");
		assertThat(assignee(backing, reviews.get(2))).isEqualTo("backing");
		assertThat(assignee(decision2, reviews.get(1))).as("the refused one unchanged").isEqualTo("decision2");
		assertThat(trail(cases.get(1))).as("nothing recorded for the refused one").hasSize(heldTrail);
		for (int i : new int[] { 0, 2 }) {
			assertThat(trail(cases.get(i)))
				.filteredOn(entry -> entry.get("kind").asText().equals("TASK_CLAIMED")
						&& entry.get("actor").asText().equals("backing"))
				.as("audited as a single claim")
				.hasSize(1);
		}

		ApiClient.Response released = bulk(backing, "unclaim", List.of(reviews.get(0), reviews.get(1)), null);
		assertThat(outcome(released.json().get("results"), reviews.get(0))).isEqualTo("DONE");
		assertThat(result(released.json().get("results"), reviews.get(1)).get("reason").asText())
			.contains("not claimed by backing");
		assertThat(assignee(decision2, reviews.get(1))).isEqualTo("decision2");
	}

	@Test
	void assignsOnlyAsTheDecisionGroupOrAnAdminAndOnlyToAMemberOfTheTasksGroup() {
		ApiClient.Case submitted = inBackingReview();
		String review = backing.taskId(submitted.reference(), "reviewBacking");
		int trail = trail(submitted).size();

		ApiClient.Response byAReviewer = bulk(backing, "assign", List.of(review), "decision2");
		assertThat(byAReviewer.status()).as(byAReviewer.toString()).isEqualTo(403);
		assertThat(byAReviewer.json().get("detail").asText()).contains("backing", "decision group");

		ApiClient.Response toAnOutsider = bulk(decision, "assign", List.of(review), "cooperation");
		assertThat(toAnOutsider.status()).as(toAnOutsider.toString()).isEqualTo(200);
		assertThat(outcome(toAnOutsider.json().get("results"), review)).isEqualTo("REFUSED");
		assertThat(result(toAnOutsider.json().get("results"), review).get("reason").asText()).contains("cooperation",
				"is not in a group", submitted.reference());
		assertThat(assignee(backing, review)).as("still unassigned").isNull();
		assertThat(trail(submitted)).as("nothing recorded for the refusals").hasSize(trail);

		ApiClient.Response toAMember = bulk(decision, "assign", List.of(review), "backing");
		assertThat(outcome(toAMember.json().get("results"), review)).as(toAMember.toString()).isEqualTo("DONE");
		assertThat(assignee(backing, review)).isEqualTo("backing");
		assertThat(trail(submitted)).filteredOn(entry -> entry.get("kind").asText().equals("TASK_ASSIGNED"))
			.singleElement()
			.satisfies(entry -> assertThat(entry.toString()).contains("decision", "backing", review));
	}

	@Test
	void neverAssignsTheDecisionToSomeoneWhoWorkedTheCase() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		ApiClient.Case submitted = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
		assertThat(decision2
			.complete(decision2.taskId(submitted.reference(), "reviewBacking"), "{\"outcome\": \"SATISFACTORY\"}")
			.status()).isEqualTo(200);
		cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-JFSA-MOU-2026\"}");
		String decide = decision.taskId(submitted.reference(), "decide");

		ApiClient.Response response = bulk(decision, "assign", List.of(decide), "decision2");

		assertThat(outcome(response.json().get("results"), decide)).as(response.toString()).isEqualTo("REFUSED");
		assertThat(result(response.json().get("results"), decide).get("reason").asText()).contains("decision2",
				"Another member of the decision group must decide");
		assertThat(assignee(decision, decide)).isNull();
	}

	@Test
	void refusesARequestOverTheBoundOrMalformedWholeDoingNothing() {
		ApiClient.Case submitted = inBackingReview();
		String review = backing.taskId(submitted.reference(), "reviewBacking");
		List<String> tooMany = new ArrayList<>(List.of(review));
		for (int i = 0; i < 100; i++) {
			tooMany.add("no-such-task-" + i);
		}

		assertRefused(bulk(backing, "claim", tooMany, null), "taskIds");
		assertRefused(bulk(backing, "claim", List.of(), null), "taskIds");
		assertRefused(bulk(backing, "finish", List.of(review), null), "action");
		assertRefused(bulk(decision, "assign", List.of(review), null), "assignee");
		assertRefused(bulk(backing, "claim", List.of(review), "backing"), "assignee");
		assertThat(assignee(backing, review)).as("nothing claimed").isNull();

		ApiClient.Response unknown = bulk(backing, "claim", List.of("no-such-task"), null);
		assertThat(outcome(unknown.json().get("results"), "no-such-task")).isEqualTo("REFUSED");
		assertThat(result(unknown.json().get("results"), "no-such-task").get("reason").asText())
			.contains("No open task");
	}

	private ApiClient.Case inBackingReview() {
		ApiClient.Case submitted = issuer.submitCanonical();
		assertThat(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}")
			.status()).isEqualTo(200);
		return submitted;
	}

	private ApiClient.Response bulk(ApiClient client, String action, List<String> taskIds, String assignee) {
		var body = Fixtures.JSON.createObjectNode().put("action", action);
		taskIds.forEach(body.putArray("taskIds")::add);
		if (assignee != null) {
			body.put("assignee", assignee);
		}
		return client.postJson("/api/v1/tasks/bulk", body.toString());
	}

	private static JsonNode result(JsonNode results, String taskId) {
		for (JsonNode result : results) {
			if (result.get("taskId").asText().equals(taskId)) {
				return result;
			}
		}
		throw new AssertionError("no result for " + taskId + " in " + results);
	}

	private static String outcome(JsonNode results, String taskId) {
		return result(results, taskId).get("outcome").asText();
	}

	/** The task's assignee as the API lists it to someone who may work it. */
	private static String assignee(ApiClient client, String taskId) {
		for (JsonNode task : client.get("/api/v1/tasks?size=200").json()) {
			if (task.get("id").asText().equals(taskId)) {
				return task.path("assignee").asText(null);
			}
		}
		throw new AssertionError(client.username() + " does not see " + taskId);
	}

	private JsonNode trail(ApiClient.Case submitted) {
		return intake.get("/api/v1/applications/" + submitted.id() + "/audit").json();
	}

	private static void assertRefused(ApiClient.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().path("errors").findValuesAsText("field")).as(response.toString()).contains(field);
	}

}
