package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.security.Actor;
import jp.tobira.security.TobiraUser;

/**
 * Saved views of the task list over HTTP: who sees which, who may share with whom and
 * delete what, each view's count from the list's own query, every save and deletion
 * audited, and every refusal naming its field with nothing stored. The views made here
 * are removed after each test, so no other test sees them on its tabs.
 */
@TobiraIntegrationTest
class TaskViewsIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TaskQueues queues;

	@Autowired
	TaskFilters filters;

	@Autowired
	UserDetailsService users;

	ApiClient backing;

	ApiClient decision2;

	ApiClient intake;

	ApiClient admin;

	/** Names unique to this run, so the shared database's other views do not matter. */
	String prefix;

	@BeforeEach
	void setUp() {
		backing = new ApiClient(rest, "backing");
		decision2 = new ApiClient(rest, "decision2");
		intake = new ApiClient(rest, "intake");
		admin = new ApiClient(rest, "admin");
		prefix = "tv-" + UUID.randomUUID().toString().substring(0, 8) + " ";
	}

	@AfterEach
	void removeTheViews() {
		jdbc.sql("DELETE FROM app.task_view WHERE name LIKE ?").param(prefix + "%").update();
	}

	@Test
	void savesListsSharesAndDeletesViewsEachWithTheCountOfItsList() {
		ApiClient.Response saved = backing.postJson("/api/v1/task-views", """
				{"name": "%sAustralian backing", "query": {"queue": "ALL", "taskKey": "reviewBacking",
				 "jurisdiction": "au", "flagged": false, "overdue": false, "escalated": false,
				 "sort": "REFERENCE", "descending": true}}
				""".formatted(prefix));
		assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
		JsonNode own = saved.json();
		String ownId = own.get("id").asText();
		assertThat(saved.headers().getLocation()).hasToString("/api/v1/task-views/" + ownId);
		assertThat(own.path("shared").asText(null)).as("private: no one it is shared with").isNull();
		assertThat(own.get("owner").asText()).isEqualTo("backing");
		assertThat(own.get("query").get("jurisdiction").asText()).as("as the list reads it").isEqualTo("AU");
		assertThat(own.get("query").get("sort").asText()).isEqualTo("REFERENCE");
		TaskQueues.Filters asTheListReadsIt = filters.parse("", "ALL", "reviewBacking", "AU", false, false, false,
				"REFERENCE", true);
		assertThat(own.get("count").asLong()).as("the list's own count")
			.isEqualTo(queues.rows(actor("backing"), asTheListReadsIt.page(0, 1)).total());

		ApiClient.Response forTheGroup = decision2.postJson("/api/v1/task-views",
				"{\"name\": \"%sOur group's queue\", \"shared\": \"backing-review\", \"query\": {\"queue\": \"GROUPS\"}}"
					.formatted(prefix));
		assertThat(forTheGroup.status()).as(forTheGroup.toString()).isEqualTo(201);
		String groupId = forTheGroup.json().get("id").asText();
		ApiClient.Response forEveryone = admin.postJson("/api/v1/task-views",
				"{\"name\": \"%sOverdue everywhere\", \"shared\": \"everyone\", \"query\": {\"queue\": \"ALL\", \"overdue\": true}}"
					.formatted(prefix));
		assertThat(forEveryone.status()).as(forEveryone.toString()).isEqualTo(201);
		String everyoneId = forEveryone.json().get("id").asText();

		assertThat(ours(backing)).containsExactly(ownId, groupId, everyoneId);
		assertThat(backing.get("/api/v1/task-views").json()).filteredOn(view -> view.get("id").asText().equals(groupId))
			.singleElement()
			.satisfies(view -> {
				assertThat(view.get("mine").asBoolean()).isFalse();
				assertThat(view.get("shared").asText()).isEqualTo("backing-review");
			});
		assertThat(ours(intake)).as("neither backing's own nor the backing reviewers'").containsExactly(everyoneId);
		assertThat(ours(decision2)).containsExactly(groupId, everyoneId);

		assertProblem(intake.delete("/api/v1/task-views/" + ownId), 404);
		assertProblem(admin.delete("/api/v1/task-views/" + ownId), 404);
		assertProblem(backing.delete("/api/v1/task-views/" + groupId), 403);
		assertProblem(intake.delete("/api/v1/task-views/" + everyoneId), 403);
		assertThat(ours(backing)).as("nothing deleted by the refusals").hasSize(3);

		assertThat(admin.delete("/api/v1/task-views/" + groupId).status()).as("an admin, for a shared one")
			.isEqualTo(204);
		assertThat(backing.delete("/api/v1/task-views/" + ownId).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/task-views/" + everyoneId).status()).isEqualTo(204);
		assertThat(ours(backing)).isEmpty();
		assertProblem(backing.delete("/api/v1/task-views/" + ownId), 404);

		assertThat(audited("TASK_VIEW_SAVED", ownId)).containsExactly("backing");
		assertThat(audited("TASK_VIEW_SAVED", groupId)).containsExactly("decision2");
		assertThat(audited("TASK_VIEW_DELETED", groupId)).containsExactly("admin");
		assertThat(audited("TASK_VIEW_DELETED", ownId)).containsExactly("backing");
	}

	@Test
	void countsAReadersViewsInOneStatementEachByItsOwnFilters() {
		ApiClient.Case submitted = new ApiClient(rest, "issuer").submitCanonical();
		assertThat(intake.taskId(submitted.reference(), "checkCompleteness")).isNotNull();
		List<TaskQueues.Filters> views = List.of(
				filters.parse("", "ALL", "checkCompleteness", null, false, false, false, "DUE", false),
				filters.parse("", "ALL", "checkCompleteness", "ZZ", false, false, false, "DUE", false),
				filters.parse("", "ALL", "reviewBacking", null, false, false, false, "DUE", false),
				filters.parse("", "GROUPS", null, null, false, true, false, "DUE", false));
		Actor backingReviewer = actor("backing");

		List<Long> counts = queues.count(backingReviewer, views);

		assertThat(counts).hasSize(4);
		for (int i = 0; i < views.size(); i++) {
			assertThat(counts.get(i)).as("view %d, as its own list counts it", i)
				.isEqualTo(queues.rows(backingReviewer, views.get(i).page(0, 1)).total());
		}
		assertThat(counts.get(0)).as("a case waits for its completeness check").isPositive();
		assertThat(counts.get(1)).as("none from a jurisdiction that is no one's").isZero();
	}

	@Test
	void refusesWhatTheListDoesNotUnderstandOrTheCallerMayNotShareNamingTheFieldAndStoringNothing() {
		assertThat(backing.postJson("/api/v1/task-views", "{\"name\": \"%sTaken\"}".formatted(prefix)).status())
			.isEqualTo(201);
		long views = count("app.task_view");
		long entries = viewEntries();
		List<String> wrong = new ArrayList<>();
		refused(wrong, backing, "{\"query\": {\"queue\": \"GROUPS\"}}", "name");
		refused(wrong, backing, "{\"name\": \"   \"}", "name");
		refused(wrong, backing, "{\"name\": \"%s\"}".formatted(prefix + "x".repeat(61)), "name");
		refused(wrong, backing, "{\"name\": \"%sTaken\"}".formatted(prefix), "name");
		refused(wrong, backing, "{\"name\": \"%sA\", \"shared\": \"cooperation\"}".formatted(prefix), "shared");
		refused(wrong, backing, "{\"name\": \"%sA\", \"shared\": \"issuer\"}".formatted(prefix), "shared");
		refused(wrong, backing, "{\"name\": \"%sA\", \"shared\": \"everyone\"}".formatted(prefix), "shared");
		refused(wrong, backing, "{\"name\": \"%sA\", \"query\": {\"queue\": \"EVERYTHING\"}}".formatted(prefix),
				"query.queue");
		refused(wrong, backing, "{\"name\": \"%sA\", \"query\": {\"taskKey\": \"approve\"}}".formatted(prefix),
				"query.taskKey");
		refused(wrong, backing, "{\"name\": \"%sA\", \"query\": {\"jurisdiction\": \"USA\"}}".formatted(prefix),
				"query.jurisdiction");
		refused(wrong, backing, "{\"name\": \"%sA\", \"query\": {\"sort\": \"PRIORITY\"}}".formatted(prefix),
				"query.sort");
		refused(wrong, backing, "{\"name\": \"%sA\", \"query\": {\"colour\": \"red\"}}".formatted(prefix),
				"query.colour");
		assertThat(wrong).isEmpty();
		assertProblem(
				new ApiClient(rest, "issuer").postJson("/api/v1/task-views", "{\"name\": \"%sA\"}".formatted(prefix)),
				403);
		assertThat(count("app.task_view")).as("no view stored").isEqualTo(views);
		assertThat(viewEntries()).as("nothing audited").isEqualTo(entries);
	}

	private void refused(List<String> wrong, ApiClient client, String body, String field) {
		ApiClient.Response response = client.postJson("/api/v1/task-views", body);
		if (response.status() != 400 || !response.json().path("errors").findValuesAsText("field").contains(field)) {
			wrong.add(body + " → " + response + " (expected 400 naming " + field + ")");
		}
	}

	/** The ids of this test's views the client sees, in the order the API lists them. */
	private List<String> ours(ApiClient client) {
		List<String> ids = new ArrayList<>();
		client.get("/api/v1/task-views").json().forEach(view -> {
			if (view.get("name").asText().startsWith(prefix)) {
				ids.add(view.get("id").asText());
			}
		});
		return ids;
	}

	private List<String> audited(String kind, String viewId) {
		return jdbc.sql("SELECT actor FROM app.audit_entry WHERE kind = ? AND payload::jsonb ->> 'id' = ?")
			.params(kind, viewId)
			.query(String.class)
			.list();
	}

	private Actor actor(String username) {
		return ((TobiraUser) users.loadUserByUsername(username)).actor();
	}

	private long viewEntries() {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE kind LIKE 'TASK_VIEW_%'")
			.query(Long.class)
			.single();
	}

	private long count(String table) {
		return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
	}

	private static void assertProblem(ApiClient.Response response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(response.headers().getContentType()))
			.as("problem+json: %s", response.headers().getContentType())
			.isTrue();
	}

}
