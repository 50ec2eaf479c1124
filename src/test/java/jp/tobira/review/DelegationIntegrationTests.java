package jp.tobira.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.security.Group;
import jp.tobira.security.Users;

/**
 * Delegation while away over HTTP. Each test makes its own reviewers (so no delegation
 * here redirects another test's assignments): Aiko and Ben in backing review and
 * decision, Dan in decision alone, Carl in cooperation alone. A delegation is refused,
 * storing nothing, for oneself, for someone sharing no group, for a past day, for an end
 * before its start and for a period overlapping another; while one runs, a task assigned
 * to the one away lands with the delegate, audited, and the list says whom it was meant
 * for and the delegate is told by e-mail; after it, with the person; a delegate who may
 * not take the task (not in its group, four eyes) has the assignment refused whole; and
 * the four-eyes rule looks at the delegate who did the work.
 */
@TobiraIntegrationTest
class DelegationIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Users users;

	@Autowired
	PasswordEncoder passwords;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	Clock clock;

	final String suffix = UUID.randomUUID().toString().substring(0, 6);

	String aiko;

	String ben;

	String dan;

	String carl;

	ApiClient issuer;

	ApiClient intake;

	ApiClient decision;

	ApiClient decision2;

	ApiClient cooperation;

	LocalDate today;

	@BeforeEach
	void setUp() {
		aiko = user("aiko", "Aiko Tanaka", Group.BACKING_REVIEW, Group.DECISION);
		ben = user("ben", "Ben Sato", Group.BACKING_REVIEW, Group.DECISION);
		dan = user("dan", "Dan Mori", Group.DECISION);
		carl = user("carl", "Carl Ito", Group.COOPERATION);
		issuer = new ApiClient(rest, "issuer");
		intake = new ApiClient(rest, "intake");
		decision = new ApiClient(rest, "decision");
		decision2 = new ApiClient(rest, "decision2");
		cooperation = new ApiClient(rest, "cooperation");
		today = LocalDate.now(clock);
	}

	@AfterEach
	void endTheDelegations() {
		ClockUtil.reset();
		jdbc.sql("UPDATE app.delegation SET ended_at = now() WHERE delegator LIKE ? AND ended_at IS NULL")
			.param("%-" + suffix)
			.update();
	}

	@Test
	void refusesADelegationThatIsWrongStoringNothingAndKeepsOneThatIsRight() {
		ApiClient away = client(aiko);
		long entries = delegationEntries();

		assertRefused(delegate(away, aiko, today, today.plusDays(2)), "delegate", "cannot be yourself");
		assertRefused(delegate(away, carl, today, today.plusDays(2)), "delegate", "shares none of your groups");
		assertRefused(delegate(away, "nobody-" + suffix, today, today.plusDays(2)), "delegate", "shares none");
		assertRefused(delegate(away, ben, today.minusDays(1), today.plusDays(2)), "from", "today");
		assertRefused(delegate(away, ben, today.plusDays(3), today.plusDays(2)), "to", "on or after");
		assertRefused(away.postJson("/api/v1/delegations", "{}"), "delegate", "is required");
		assertThat(delegationsOf(aiko)).as("nothing stored").isZero();
		assertThat(delegationEntries()).as("nothing audited").isEqualTo(entries);

		ApiClient.Response named = delegate(away, ben, today.plusDays(10), today.plusDays(12));
		assertThat(named.status()).as(named.toString()).isEqualTo(201);
		assertThat(named.json().get("delegateName").asText()).isEqualTo("Ben Sato");
		assertRefused(delegate(away, dan, today.plusDays(12), today.plusDays(14)), "from", "overlaps");
		assertRefused(delegate(away, dan, today.plusDays(5), today.plusDays(20)), "from", "overlaps");
		assertThat(delegationsOf(aiko)).isEqualTo(1);

		JsonNode listed = away.get("/api/v1/delegations").json();
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("from").asText()).isEqualTo(today.plusDays(10).toString());
		assertThat(client(ben).get("/api/v1/delegations").json()).as("the delegate sees it too").hasSize(1);
		assertThat(client(dan).delete("/api/v1/delegations/" + named.json().get("id").asText()).status())
			.as("another's reads as not found")
			.isEqualTo(404);
		assertThat(audited("DELEGATION_SET")).containsExactly(aiko);

		assertThat(away.delete("/api/v1/delegations/" + named.json().get("id").asText()).status()).isEqualTo(204);
		assertThat(away.get("/api/v1/delegations").json()).isEmpty();
		assertThat(audited("DELEGATION_ENDED")).containsExactly(aiko);
		assertThat(delegate(away, dan, today.plusDays(12), today.plusDays(14)).status())
			.as("an ended one no longer overlaps")
			.isEqualTo(201);
	}

	@Test
	void anAssignmentDuringThePeriodLandsWithTheDelegateAndTheListSaysFromWhomAfterItWithThePerson() {
		ApiClient.Response named = delegate(client(aiko), ben, today, today.plusDays(2));
		assertThat(named.status()).as(named.toString()).isEqualTo(201);
		ApiClient.Case submitted = inBackingReview();
		String review = decision2.taskId(submitted.reference(), "reviewBacking");

		ApiClient.Response assigned = bulkAssign(review, aiko);

		assertThat(outcome(assigned)).as(assigned.toString()).isEqualTo("DONE");
		JsonNode row = row(client(ben), review);
		assertThat(row).as("with the delegate").isNotNull();
		assertThat(row.get("assignee").asText()).isEqualTo(ben);
		assertThat(row.get("delegatedFrom").asText()).isEqualTo(aiko);
		assertThat(row.get("delegatedFromName").asText()).isEqualTo("Aiko Tanaka");
		assertThat(row(client(aiko), review)).as("not with the one away").isNull();
		assertThat(trail(submitted)).filteredOn(entry -> entry.get("kind").asText().equals("TASK_DELEGATED"))
			.singleElement()
			.satisfies(entry -> assertThat(entry.toString()).contains("meantFor", aiko, ben, review));
		assertThat(jdbc.sql("SELECT subject FROM app.outbox WHERE recipient = ? AND kind = 'TASK_DELEGATED'")
			.param(ben)
			.query(String.class)
			.list()).as("the delegate is told, in the same transaction")
			.singleElement()
			.asString()
			.contains(submitted.reference());
		assertThat(jdbc.sql("SELECT count(*) FROM app.outbox WHERE recipient = ?")
			.param(aiko)
			.query(Integer.class)
			.single()).as("the one away is not").isZero();

		ApiClient.Case later = inBackingReview();
		String laterReview = decision2.taskId(later.reference(), "reviewBacking");
		ClockUtil.setCurrentTime(Date.from(today.plusDays(3).atTime(9, 0).atZone(clock.getZone()).toInstant()));
		assertThat(outcome(bulkAssign(laterReview, aiko))).isEqualTo("DONE");
		JsonNode own = row(client(aiko), laterReview);
		assertThat(own).as("after the period, with the person").isNotNull();
		assertThat(own.get("assignee").asText()).isEqualTo(aiko);
		assertThat(own.hasNonNull("delegatedFrom")).isFalse();
		assertThat(trail(later)).filteredOn(entry -> entry.get("kind").asText().equals("TASK_ASSIGNED")).hasSize(1);
	}

	@Test
	void refusesTheAssignmentWholeWhenTheDelegateIsNotInTheTasksGroup() {
		assertThat(delegate(client(aiko), dan, today, today.plusDays(2)).status()).isEqualTo(201);
		ApiClient.Case submitted = inBackingReview();
		String review = decision2.taskId(submitted.reference(), "reviewBacking");
		int trail = trail(submitted).size();

		ApiClient.Response refused = bulkAssign(review, aiko);

		assertThat(outcome(refused)).as(refused.toString()).isEqualTo("REFUSED");
		assertThat(refused.json().get("results").get(0).get("reason").asText()).contains(aiko + " is away until",
				"go to " + dan, dan + " is not in a group that works");
		assertThat(!row(decision2, review).hasNonNull("assignee")).as("still unassigned").isTrue();
		assertThat(trail(submitted)).as("nothing recorded").hasSize(trail);
	}

	@Test
	void theFourEyesRuleLooksAtTheDelegateWhoDidTheWork() {
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		ApiClient.Response named = delegate(client(aiko), ben, today, today.plusDays(2));
		ApiClient.Case submitted = issuer.submitCanonicalFrom(Fixtures.EQUIVALENT_HOME);
		intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}");
		String review = decision2.taskId(submitted.reference(), "reviewBacking");
		assertThat(outcome(bulkAssign(review, aiko))).isEqualTo("DONE");
		assertThat(client(ben).complete(review, "{\"outcome\": \"SATISFACTORY\"}").status())
			.as("the delegate works the task")
			.isEqualTo(200);
		cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"), "{\"sent\": true}");
		cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"),
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-JFSA-MOU-2026\"}");
		String decide = decision.taskId(submitted.reference(), "decide");
		int trail = trail(submitted).size();

		ApiClient.Response throughTheDelegate = bulkAssign(decide, aiko);
		assertThat(outcome(throughTheDelegate)).as(throughTheDelegate.toString()).isEqualTo("REFUSED");
		assertThat(throughTheDelegate.json().get("results").get(0).get("reason").asText()).contains(
				aiko + " is away until", ben + " cannot decide case " + submitted.reference(),
				"Another member of the decision group must decide");
		assertThat(!row(decision, decide).hasNonNull("assignee")).as("nothing changed").isTrue();
		assertThat(trail(submitted)).as("nothing recorded").hasSize(trail);
		ApiClient.Response benClaims = client(ben).post("/api/v1/tasks/" + decide + "/claim");
		assertThat(benClaims.status()).as("the delegate who did the review cannot decide").isEqualTo(403);

		assertThat(client(aiko).delete("/api/v1/delegations/" + named.json().get("id").asText()).status())
			.isEqualTo(204);
		assertThat(outcome(bulkAssign(decide, aiko))).as("the one meant for it did no earlier task").isEqualTo("DONE");
		assertThat(row(client(aiko), decide).get("assignee").asText()).isEqualTo(aiko);
	}

	private String user(String name, String displayName, Group... groups) {
		String username = name + "-" + suffix;
		users.create(username, passwords.encode("demo"), displayName, null, Set.of(groups));
		users.saveEmail(username, username + "@supervisor.example");
		return username;
	}

	private ApiClient client(String username) {
		return new ApiClient(rest, username);
	}

	private static ApiClient.Response delegate(ApiClient client, String delegate, LocalDate from, LocalDate to) {
		return client.postJson("/api/v1/delegations",
				"{\"delegate\": \"%s\", \"from\": \"%s\", \"to\": \"%s\"}".formatted(delegate, from, to));
	}

	private ApiClient.Response bulkAssign(String taskId, String assignee) {
		return decision.postJson("/api/v1/tasks/bulk",
				"{\"action\": \"assign\", \"taskIds\": [\"%s\"], \"assignee\": \"%s\"}".formatted(taskId, assignee));
	}

	private static String outcome(ApiClient.Response response) {
		return response.json().get("results").get(0).get("outcome").asText();
	}

	private ApiClient.Case inBackingReview() {
		ApiClient.Case submitted = issuer.submitCanonical();
		assertThat(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}")
			.status()).isEqualTo(200);
		return submitted;
	}

	/** The task as the API lists it to the caller, or null if it does not. */
	private static JsonNode row(ApiClient client, String taskId) {
		for (JsonNode task : client.get("/api/v1/tasks?size=200").json()) {
			if (task.get("id").asText().equals(taskId)) {
				return task;
			}
		}
		return null;
	}

	private JsonNode trail(ApiClient.Case submitted) {
		return intake.get("/api/v1/applications/" + submitted.id() + "/audit").json();
	}

	private long delegationsOf(String delegator) {
		return jdbc.sql("SELECT count(*) FROM app.delegation WHERE delegator = ?")
			.param(delegator)
			.query(Long.class)
			.single();
	}

	private long delegationEntries() {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE kind LIKE 'DELEGATION_%'")
			.query(Long.class)
			.single();
	}

	private List<String> audited(String kind) {
		return jdbc.sql("SELECT actor FROM app.audit_entry WHERE kind = ? AND payload::jsonb ->> 'delegator' = ?")
			.params(kind, aiko)
			.query(String.class)
			.list();
	}

	private static void assertRefused(ApiClient.Response response, String field, String says) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().path("errors").findValuesAsText("field")).as(response.toString()).contains(field);
		assertThat(response.toString()).contains(says);
	}

}
