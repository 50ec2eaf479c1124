package jp.tobira.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * A task's history over HTTP, read from the audit log: what happened to the task and to
 * no other, in order, with who did it, for the task's own group even once it is finished;
 * refused to another group and unknown for a task that never was.
 */
@TobiraIntegrationTest
class TaskHistoryIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Test
	void listsTheTasksCreationClaimsReturnAndCompletionInOrderWithWhoDidEach() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient.Case submitted = issuer.submitCanonical();
		String task = intake.taskId(submitted.reference(), "checkCompleteness");
		assertThat(intake.post("/api/v1/tasks/" + task + "/claim").status()).isEqualTo(200);
		assertThat(intake.post("/api/v1/tasks/" + task + "/unclaim").status()).isEqualTo(200);
		assertThat(intake.post("/api/v1/tasks/" + task + "/claim").status()).isEqualTo(200);
		assertThat(intake.complete(task, "{\"complete\": true}").status()).isEqualTo(200);
		String review = backing.taskId(submitted.reference(), "reviewBacking");
		assertThat(backing.post("/api/v1/tasks/" + review + "/claim").status()).isEqualTo(200);

		ApiClient.Response history = intake.get("/api/v1/tasks/" + task + "/history");

		assertThat(history.status()).as(history.toString()).isEqualTo(200);
		assertThat(steps(history.json())).as("this task's steps only, oldest first")
			.containsExactly("TASK_CREATED by system", "TASK_CLAIMED by intake", "TASK_UNCLAIMED by intake",
					"TASK_CLAIMED by intake", "TASK_COMPLETED by intake");
		List<Long> seqs = history.json().findValues("seq").stream().map(JsonNode::asLong).toList();
		assertThat(seqs).isSorted();
		assertThat(history.json().get(0).get("caseReference").asText()).isEqualTo(submitted.reference());
		assertThat(steps(backing.get("/api/v1/tasks/" + review + "/history").json()))
			.containsExactly("TASK_CREATED by system", "TASK_CLAIMED by backing");
	}

	@Test
	void refusesAnotherGroupsTaskAndAnswersAnUnknownOneAsNotFound() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		ApiClient intake = new ApiClient(rest, "intake");
		String task = intake.taskId(submitted.reference(), "checkCompleteness");

		assertThat(new ApiClient(rest, "cooperation").get("/api/v1/tasks/" + task + "/history").status())
			.isEqualTo(403);
		assertThat(new ApiClient(rest, "issuer").get("/api/v1/tasks/" + task + "/history").status()).isEqualTo(403);
		assertThat(intake.get("/api/v1/tasks/no-such-task/history").status()).isEqualTo(404);
	}

	private static List<String> steps(JsonNode entries) {
		List<String> steps = new ArrayList<>();
		entries.forEach(entry -> steps.add(entry.get("kind").asText() + " by " + entry.get("actor").asText()));
		return steps;
	}

}
