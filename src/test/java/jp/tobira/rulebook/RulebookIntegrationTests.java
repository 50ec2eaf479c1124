package jp.tobira.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;

/**
 * The rulebook through its pinned API: four eyes on putting a version into force, a draft
 * that breaks a rule refused with nothing stored, and a case judged under the version in
 * force at its pre-screen that keeps that version's thresholds and values once a later
 * one is in force, its re-run showing the later one beside it.
 *
 * Every test shares one database, and a version in force today would change every other
 * test's pre-screens: the versions drafted here take effect only in the 2090s, and a test
 * that needs one in force moves the clock there and back.
 */
@TobiraIntegrationTest
class RulebookIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Rulebook rulebook;

	@AfterEach
	void release() {
		ClockUtil.reset();
	}

	@Test
	void aDraftIsPutIntoForceByAnotherAdminNeverByItsDrafter() {
		ApiClient admin = new ApiClient(rest, "admin");
		ApiClient admin2 = new ApiClient(rest, "admin2");
		ApiClient.Response drafted = admin.postJson("/api/v1/rulebook/versions", """
				{"effectiveFrom": "2091-03-01", "note": "Coverage raised",
				 "criteria": [{"code": "RESERVE_COVERAGE", "thresholds": {"minRatio": "1.05"}},
				              {"code": "LIQUID_SHARE", "enabled": true}]}
				""");
		assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
		int version = drafted.json().get("version").asInt();
		assertThat(drafted.headers().getLocation()).hasToString("/api/v1/rulebook/versions/" + version);
		assertThat(drafted.json().get("status").asText()).isEqualTo("DRAFT");
		assertThat(drafted.json().get("draftedBy").asText()).isEqualTo("admin");
		assertThat(criterion(drafted.json(), "RESERVE_COVERAGE").at("/thresholds/minRatio").asText()).isEqualTo("1.05");
		assertThat(criterion(drafted.json(), "LIQUID_SHARE").get("enabled").asBoolean()).isTrue();
		assertThat(criterion(drafted.json(), "JURISDICTION").get("kind").asText()).isEqualTo("GATE");

		ApiClient.Response ownApproval = admin.post("/api/v1/rulebook/versions/" + version + "/approve");
		assertThat(ownApproval.status()).as(ownApproval.toString()).isEqualTo(403);
		assertThat(ownApproval.json().get("title").asText()).isEqualTo("Four-eyes rule");
		assertThat(ownApproval.json().get("detail").asText()).contains("admin drafted rulebook version " + version);
		assertThat(rulebook.version(version).approved()).as("the drafter's attempt stores nothing").isFalse();

		ApiClient.Response approved = admin2.post("/api/v1/rulebook/versions/" + version + "/approve");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().get("approvedBy").asText()).isEqualTo("admin2");
		assertThat(approved.json().get("status").asText()).as("in force from 2091 on").isEqualTo("SCHEDULED");
		assertThat(admin2.post("/api/v1/rulebook/versions/" + version + "/approve").status()).isEqualTo(409);

		List<String> actions = jdbc.sql("""
				SELECT actor || ' ' || (payload::jsonb ->> 'action') FROM app.audit_entry
				WHERE kind = 'CONFIGURATION_CHANGED' AND payload::jsonb ->> 'table' = 'rulebook'
				  AND (payload::jsonb ->> 'version')::int = ? ORDER BY id
				""").param(version).query(String.class).list();
		assertThat(actions).containsExactly("admin DRAFTED", "admin2 APPROVED");
		assertThat(admin.get("/api/v1/rulebook/compare?from=1&to=" + version).json().findValuesAsText("item"))
			.containsExactly("minRatio", "enabled");
	}

	@Test
	void anyoneSignedInReadsTheVersionInForceOnlyStaffSeeEveryVersion() {
		ApiClient issuer = new ApiClient(rest, "issuer");
		JsonNode inForce = issuer.get("/api/v1/rulebook").json();
		assertThat(inForce.get("version").asInt()).isEqualTo(rulebook.inForce().version());
		assertThat(inForce.get("effectiveFrom").asText()).isNotBlank();
		assertThat(inForce.get("criteria").findValuesAsText("code")).hasSize(Criterion.values().length)
			.startsWith("RESERVE_COVERAGE", "ASSET_ELIGIBILITY");
		JsonNode coverage = criterion(inForce, "RESERVE_COVERAGE");
		assertThat(coverage.get("kind").asText()).isEqualTo("ADVICE");
		assertThat(coverage.get("enabled").isBoolean()).isTrue();
		assertThat(coverage.at("/thresholds/minRatio").isTextual()).isTrue();
		assertThat(inForce.has("draftedBy")).as("staff names are the supervisor's").isFalse();

		assertThat(issuer.get("/api/v1/rulebook/versions").status()).isEqualTo(403);
		assertThat(issuer.postJson("/api/v1/rulebook/versions", "{\"effectiveFrom\": \"2091-01-01\"}").status())
			.isEqualTo(403);
		assertThat(new ApiClient(rest, "decision")
			.postJson("/api/v1/rulebook/versions", "{\"effectiveFrom\": \"2091-01-01\"}")
			.status()).isEqualTo(403);
		assertThat(rest.getForEntity("/api/v1/rulebook", String.class).getStatusCode().value()).isEqualTo(401);
		assertThat(new ApiClient(rest, "backing").get("/api/v1/rulebook/versions").json().findValuesAsText("status"))
			.contains("IN_FORCE");
		assertThat(new ApiClient(rest, "admin").get("/api/v1/rulebook/versions/999999").status()).isEqualTo(404);
	}

	@Test
	void aDraftThatBreaksARuleIsRefusedNamingTheFieldAndStoresNothing() {
		ApiClient admin = new ApiClient(rest, "admin");
		long versions = count();
		long entries = jdbc.sql("SELECT count(*) FROM app.audit_entry").query(Long.class).single();

		assertRefused(admin, """
				{"effectiveFrom": "2091-01-01", "criteria": [{"code": "JURISDICTION", "enabled": false}]}
				""", "criteria.JURISDICTION.enabled");
		assertRefused(admin, """
				{"effectiveFrom": "2091-01-01", "criteria": [{"code": "SEGREGATION", "kind": "ADVICE"}]}
				""", "criteria.SEGREGATION.kind");
		assertRefused(admin,
				"""
						{"effectiveFrom": "2091-01-01", "criteria": [{"code": "RESERVE_COVERAGE", "thresholds": {"minRatio": "abc"}}]}
						""",
				"criteria.RESERVE_COVERAGE.thresholds.minRatio");
		assertRefused(admin,
				"""
						{"effectiveFrom": "2091-01-01", "criteria": [{"code": "RESERVE_COVERAGE", "thresholds": {"minRatio": 1e400}}]}
						""",
				"criteria.RESERVE_COVERAGE.thresholds.minRatio");
		assertRefused(admin,
				"""
						{"effectiveFrom": "2091-01-01", "criteria": [{"code": "GOVERNMENT_PAPER_TERM", "thresholds": {"maxDays": 93.5}}]}
						""",
				"criteria.GOVERNMENT_PAPER_TERM.thresholds.maxDays");
		assertRefused(admin,
				"""
						{"effectiveFrom": "2091-01-01", "criteria": [{"code": "ASSET_ELIGIBILITY", "thresholds": {"eligibleClasses": ["GOLD"]}}]}
						""",
				"criteria.ASSET_ELIGIBILITY.thresholds.eligibleClasses");
		assertRefused(admin, """
				{"effectiveFrom": "2091-01-01", "criteria": [{"code": "REDEMPTION", "thresholds": {"speed": 3}}]}
				""", "criteria.REDEMPTION.thresholds.speed");
		assertRefused(admin, """
				{"effectiveFrom": "2091-01-01", "criteria": [{"code": "NO_SUCH_CRITERION"}]}
				""", "criteria[0].code");
		assertRefused(admin, """
				{"effectiveFrom": "2020-01-01"}
				""", "effectiveFrom");
		assertRefused(admin, "{\"criteria\": []}", "effectiveFrom");

		assertThat(count()).isEqualTo(versions);
		assertThat(jdbc.sql("SELECT count(*) FROM app.audit_entry").query(Long.class).single()).isEqualTo(entries);
	}

	@Test
	void theDatabaseRefusesToChangeAVersionOnceDrafted() {
		assertThatThrownBy(() -> jdbc.sql("UPDATE app.rulebook_version SET note = 'edited' WHERE version = 1").update())
			.rootCause()
			.hasMessageContaining("never changed or deleted");
		assertThatThrownBy(() -> jdbc.sql("DELETE FROM app.rulebook_version WHERE version = 1").update()).rootCause()
			.hasMessageContaining("never changed or deleted");
	}

	@Test
	void ofTwoAdminsApprovingOneDraftAtOnceOneWinsAndTheOtherIsTold() throws Exception {
		RulebookVersion draft = rulebook.draft("admin", new RulebookDraft(java.time.LocalDate.of(2093, 1, 1), "race",
				List.of(new RulebookDraft.Change("AUDIT_AGE", null, null, java.util.Map.of("maxMonths", 15)))));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> outcomes = new ArrayList<>();
			for (String admin : List.of("admin2", "admin3")) {
				Callable<String> approve = () -> {
					start.await();
					try {
						return rulebook.approve(admin, draft.version()).approvedBy();
					}
					catch (RulebookVersionConflict ex) {
						return "refused";
					}
				};
				outcomes.add(pool.submit(approve));
			}
			start.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get(30, TimeUnit.SECONDS));
			}
			assertThat(results).containsOnlyOnce("refused");
			assertThat(rulebook.version(draft.version()).approvedBy()).isIn("admin2", "admin3");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aCaseJudgedUnderVersionOneKeepsItsThresholdsAndValuesAfterALaterVersionAndItsReRunShowsBoth() {
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-25T01:00:00Z")));
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		ApiClient backing = new ApiClient(rest, "backing");
		ApiClient.Case submitted = issuer.submitCanonical();
		assertThat(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}")
			.status()).isEqualTo(200);
		String path = "/api/v1/applications/" + submitted.id();
		JsonNode preScreen = issuer.get(path).json().get("preScreen");
		int judgedUnder = preScreen.get("rulebookVersion").asInt();
		assertThat(judgedUnder).isEqualTo(rulebook.inForce().version());
		assertThat(check(preScreen, "RESERVE_COVERAGE").get("result").asText()).isEqualTo("PASSED");
		assertThat(check(preScreen, "RESERVE_COVERAGE").get("threshold").asText()).isEqualTo("≥ 1.00");

		// a later version raises the minimum coverage ratio above the canonical 1.01
		ApiClient.Response drafted = new ApiClient(rest, "admin").postJson("/api/v1/rulebook/versions", """
				{"effectiveFrom": "2092-01-01",
				 "criteria": [{"code": "RESERVE_COVERAGE", "thresholds": {"minRatio": "1.05"}}]}
				""");
		int later = drafted.json().get("version").asInt();
		assertThat(new ApiClient(rest, "admin2").post("/api/v1/rulebook/versions/" + later + "/approve").status())
			.isEqualTo(200);
		ClockUtil.setCurrentTime(Date.from(Instant.parse("2092-01-02T01:00:00Z")));
		assertThat(issuer.get("/api/v1/rulebook").json().get("version").asInt()).isEqualTo(later);

		JsonNode after = backing.get(path).json();
		assertThat(after.get("preScreen")).as("the stored pre-screen, not a recomputation").isEqualTo(preScreen);
		assertThat(after.at("/preScreen/configuration/thresholds").get("RESERVE_COVERAGE.minRatio").asText())
			.isEqualTo("1.00");
		assertThat(after.get("flags").toString()).doesNotContain("UNDER_BACKED");

		ApiClient.Response reRun = backing
			.post("/api/v1/tasks/" + backing.taskId(submitted.reference(), "reviewBacking") + "/pre-screen");
		assertThat(reRun.status()).as(reRun.toString()).isEqualTo(201);
		assertThat(reRun.json().get("kind").asText()).isEqualTo("RE_RUN");
		assertThat(reRun.json().get("rulebookVersion").asInt()).isEqualTo(later);
		assertThat(check(reRun.json(), "RESERVE_COVERAGE").get("result").asText()).isEqualTo("FAILED");
		assertThat(check(reRun.json(), "RESERVE_COVERAGE").get("threshold").asText()).isEqualTo("≥ 1.05");
		assertThat(check(reRun.json(), "RESERVE_COVERAGE").get("value").asText())
			.isEqualTo(check(preScreen, "RESERVE_COVERAGE").get("value").asText());

		JsonNode both = backing.get(path).json();
		assertThat(both.get("preScreen")).isEqualTo(preScreen);
		assertThat(both.get("reRuns")).hasSize(1);
		assertThat(both.at("/reRuns/0/rulebookVersion").asInt()).isEqualTo(later);
		assertThat(both.get("flags").toString()).as("a re-run changes no flag").doesNotContain("UNDER_BACKED");
		assertThat(issuer.get(path).json().get("reRuns")).as("the reviewer's working papers").isEmpty();
	}

	private void assertRefused(ApiClient admin, String draft, String field) {
		ApiClient.Response refused = admin.postJson("/api/v1/rulebook/versions", draft);
		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.json().get("errors").findValuesAsText("field")).as(refused.toString()).contains(field);
	}

	private long count() {
		return jdbc.sql("SELECT count(*) FROM app.rulebook_version").query(Long.class).single();
	}

	private static JsonNode criterion(JsonNode version, String code) {
		for (JsonNode criterion : version.get("criteria")) {
			if (criterion.get("code").asText().equals(code)) {
				return criterion;
			}
		}
		throw new AssertionError("no " + code + " in " + version);
	}

	private static JsonNode check(JsonNode evaluation, String code) {
		for (JsonNode check : evaluation.get("checks")) {
			if (check.get("code").asText().equals(code)) {
				return check;
			}
		}
		throw new AssertionError("no check " + code + " in " + evaluation);
	}

}
