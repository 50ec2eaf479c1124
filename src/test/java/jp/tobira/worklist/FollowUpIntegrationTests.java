package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.security.TobiraUser;

/**
 * Follow-up dates over HTTP: set and cleared by the reviewer who holds the task, audited;
 * a task followed up after today stays out of "my tasks" (and the API's list of the
 * caller's tasks) until that day, when the "follow-up due" filter finds it; a saved view
 * keeps that filter. Refusals (someone not holding the task, a past or malformed day)
 * change nothing. Every case is made here.
 */
@TobiraIntegrationTest
class FollowUpIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskQueues queues;

	@Autowired
	UserDetailsService users;

	@Autowired
	Clock clock;

	ApiClient issuer;

	ApiClient intake;

	ApiClient backing;

	ApiClient decision2;

	@BeforeEach
	void setUp() {
		issuer = new ApiClient(rest, "issuer");
		intake = new ApiClient(rest, "intake");
		backing = new ApiClient(rest, "backing");
		decision2 = new ApiClient(rest, "decision2");
	}

	@AfterEach
	void resetTheClock() {
		ClockUtil.reset();
	}

	@Test
	void aTaskFollowedUpLaterLeavesMyTasksUntilThatDayWhenTheDueFilterFindsIt() {
		ApiClient.Case submitted = inBackingReview();
		String review = backing.taskId(submitted.reference(), "reviewBacking");
		assertThat(backing.post("/api/v1/tasks/" + review + "/claim").status()).isEqualTo(200);
		LocalDate today = LocalDate.now(clock);
		LocalDate later = today.plusDays(3);

		ApiClient.Response set = backing.putJson("/api/v1/tasks/" + review + "/follow-up",
				"{\"date\": \"" + later + "\"}");

		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		assertThat(set.json().get("followUp").asText()).isEqualTo(later.toString());
		assertThat(row(backing, review, false)).as("out of the caller's tasks until then").isNull();
		assertThat(mine("backing")).as("out of my tasks").doesNotContain(review);
		assertThat(row(backing, review, true)).as("not due yet").isNull();
		assertThat(trail(submitted)).filteredOn(entry -> entry.get("kind").asText().equals("TASK_FOLLOW_UP_SET"))
			.singleElement()
			.satisfies(entry -> {
				assertThat(entry.get("actor").asText()).isEqualTo("backing");
				assertThat(entry.toString()).contains(later.toString(), review);
			});

		ClockUtil.setCurrentTime(Date.from(later.atTime(9, 0).atZone(clock.getZone()).toInstant()));
		assertThat(mine("backing")).as("back on the day").contains(review);
		JsonNode due = row(backing, review, true);
		assertThat(due).as("follow-up due on the day").isNotNull();
		assertThat(due.get("followUp").asText()).isEqualTo(later.toString());
		assertThat(due.get("assignee").asText()).isEqualTo("backing");
		ClockUtil.reset();

		assertThat(backing.delete("/api/v1/tasks/" + review + "/follow-up").status()).isEqualTo(204);
		JsonNode cleared = row(backing, review, false);
		assertThat(cleared).as("back in the list at once").isNotNull();
		assertThat(cleared.hasNonNull("followUp")).isFalse();
		assertThat(row(backing, review, true)).as("no follow-up, not due").isNull();
		assertThat(trail(submitted)).filteredOn(entry -> entry.get("kind").asText().equals("TASK_FOLLOW_UP_CLEARED"))
			.hasSize(1);

		assertThat(backing.putJson("/api/v1/tasks/" + review + "/follow-up", "{\"date\": \"" + today + "\"}").status())
			.isEqualTo(200);
		assertThat(row(backing, review, true)).as("today's is due today and stays in the list").isNotNull();
		assertThat(mine("backing")).contains(review);
	}

	@Test
	void refusesAFollowUpBySomeoneNotHoldingTheTaskOrForAPastOrMalformedDayChangingNothing() {
		ApiClient.Case submitted = inBackingReview();
		String review = backing.taskId(submitted.reference(), "reviewBacking");
		String path = "/api/v1/tasks/" + review + "/follow-up";
		String tomorrow = "{\"date\": \"" + LocalDate.now(clock).plusDays(1) + "\"}";

		ApiClient.Response unclaimed = backing.putJson(path, tomorrow);
		assertThat(unclaimed.status()).as(unclaimed.toString()).isEqualTo(409);
		assertThat(unclaimed.json().get("detail").asText()).contains("Only the reviewer who holds", "backing");

		assertThat(backing.post("/api/v1/tasks/" + review + "/claim").status()).isEqualTo(200);
		ApiClient.Response notTheirs = decision2.putJson(path, tomorrow);
		assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(409);
		assertThat(decision2.delete(path).status()).isEqualTo(409);

		assertRefused(backing.putJson(path, "{\"date\": \"" + LocalDate.now(clock).minusDays(1) + "\"}"), "date");
		assertRefused(backing.putJson(path, "{\"date\": \"3 Dec\"}"), "date");
		assertRefused(backing.putJson(path, "{}"), "date");

		assertThat(row(backing, review, false).hasNonNull("followUp")).as("no date set").isFalse();
		assertThat(trail(submitted)).filteredOn(entry -> entry.get("kind").asText().startsWith("TASK_FOLLOW_UP"))
			.as("nothing audited")
			.isEmpty();
	}

	@Test
	void aSavedViewKeepsTheFollowUpDueFilter() {
		String name = "follow-up " + java.util.UUID.randomUUID().toString().substring(0, 8);
		ApiClient.Response saved = backing.postJson("/api/v1/task-views", """
				{"name": "%s", "query": {"queue": "MINE", "followUpDue": true, "overdue": true}}
				""".formatted(name));
		try {
			assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
			assertThat(saved.json().get("query").get("followUpDue").asBoolean()).isTrue();
			assertThat(saved.json().get("query").get("overdue").asBoolean()).as("the pinned fields still kept")
				.isTrue();
			JsonNode listed = null;
			for (JsonNode view : backing.get("/api/v1/task-views").json()) {
				if (view.get("name").asText().equals(name)) {
					listed = view;
				}
			}
			assertThat(listed).isNotNull();
			assertThat(listed.get("query").get("followUpDue").asBoolean()).isTrue();
			assertThat(listed.get("query").get("queue").asText()).isEqualTo("MINE");
		}
		finally {
			backing.delete("/api/v1/task-views/" + saved.json().get("id").asText());
		}
	}

	private ApiClient.Case inBackingReview() {
		ApiClient.Case submitted = issuer.submitCanonical();
		assertThat(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}")
			.status()).isEqualTo(200);
		return submitted;
	}

	/** The task as the API lists it to the caller, or null if it does not. */
	private static JsonNode row(ApiClient client, String taskId, boolean followUpDue) {
		for (JsonNode task : client.get("/api/v1/tasks?size=200&followUpDue=" + followUpDue).json()) {
			if (task.get("id").asText().equals(taskId)) {
				return task;
			}
		}
		return null;
	}

	private java.util.List<String> mine(String username) {
		var actor = ((TobiraUser) users.loadUserByUsername(username)).actor();
		return queues
			.rows(actor,
					new TaskQueues.Query(TaskQueues.Queue.MINE, null, null, false, false, false, TaskQueues.Sort.DUE,
							false, 0, 1000))
			.rows()
			.stream()
			.map(TaskQueues.Row::taskId)
			.toList();
	}

	private JsonNode trail(ApiClient.Case submitted) {
		return intake.get("/api/v1/applications/" + submitted.id() + "/audit").json();
	}

	private static void assertRefused(ApiClient.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().path("errors").findValuesAsText("field")).as(response.toString()).contains(field);
	}

}
