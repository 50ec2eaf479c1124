package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.api.ApiClient;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;

/**
 * The legal gates of an approval (issue 10), through the pinned API and the task screen:
 * an approval is refused with 422 naming each gate that fails at the moment of decision,
 * nothing of the refused attempt is stored (no decision row, no audit entry), the same
 * approval passes once the gate holds, and a rejection is never refused. Each case comes
 * from a home jurisdiction of its own, so this class may judge it without touching the
 * other tests' cases.
 */
@TobiraIntegrationTest
class LegalGatesIntegrationTests {

	/** Judged under assessment before each test; judged equivalent within one. */
	static final String UNDER_ASSESSMENT = "NZ";

	static final String NOT_EQUIVALENT = "BM";

	static final String APPROVE = "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}";

	static final String APPROVE_WITH_CONDITIONS = "{\"decision\": \"APPROVE_WITH_CONDITIONS\", "
			+ "\"conditions\": \"Monthly attestations.\", \"reasons\": \"Concerns to remedy.\"}";

	static final String REJECT = "{\"decision\": \"REJECT\", \"reasons\": \"The legal gates are not met.\"}";

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebApplicationContext context;

	ApiClient issuer;

	ApiClient intake;

	ApiClient backing;

	ApiClient cooperation;

	ApiClient decision;

	@BeforeEach
	void judgeTheHomeJurisdictions() {
		jurisdictions.set("admin", UNDER_ASSESSMENT, "New Zealand", EquivalenceStatus.UNDER_ASSESSMENT, null, null,
				"gates test");
		jurisdictions.set("admin", NOT_EQUIVALENT, "Bermuda", EquivalenceStatus.NOT_EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "gates test");
		jurisdictions.set("admin", Fixtures.EQUIVALENT_HOME, "Switzerland", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
		issuer = new ApiClient(rest, "issuer");
		intake = new ApiClient(rest, "intake");
		backing = new ApiClient(rest, "backing");
		cooperation = new ApiClient(rest, "cooperation");
		decision = new ApiClient(rest, "decision");
	}

	@Test
	void refusesApprovalFromAFrameworkUnderAssessmentUntilItIsJudgedEquivalent() {
		ApiClient.Case submitted = atDecision(from(UNDER_ASSESSMENT), CONFIRMED);
		String decide = decision.taskId(submitted.reference(), "decide");

		refusedWithNothingStored(submitted, decide, APPROVE, "EQUIVALENT_FRAMEWORK");
		ApiClient.Response refused = refusedWithNothingStored(submitted, decide, APPROVE_WITH_CONDITIONS,
				"EQUIVALENT_FRAMEWORK");
		assertThat(refused.json().get("detail").asText())
			.contains("the home framework (" + UNDER_ASSESSMENT + ") is not judged equivalent", "Under assessment");

		// the gate reads today's table, not the status the pre-screen stored
		jurisdictions.set("admin", UNDER_ASSESSMENT, "New Zealand", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "judged equivalent");
		approved(submitted, decide, APPROVE);
	}

	@Test
	void refusesApprovalFromAFrameworkNotEquivalentButNotItsRejection() {
		ApiClient.Case submitted = issuer.submit(from(NOT_EQUIVALENT));
		expectOk(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}"));
		expectOk(backing.complete(backing.taskId(submitted.reference(), "reviewBacking"),
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Not equivalent.\"}"));
		String decide = decision.taskId(submitted.reference(), "decide");

		// the model skips the home regulator for a framework not equivalent: no
		// confirmation was asked for, so that gate fails too
		ApiClient.Response refused = refusedWithNothingStored(submitted, decide, APPROVE, "EQUIVALENT_FRAMEWORK",
				"INFORMATION_SHARING");
		assertThat(refused.json().get("detail").asText()).contains("Not equivalent",
				"the home regulator has not confirmed information sharing", "It may still be rejected");

		expectOk(decision.complete(decide, REJECT));
		assertThat(status(submitted)).isEqualTo("REJECTED");
	}

	@ParameterizedTest(name = "segregated {0}, bankruptcy-remote {1}")
	@CsvSource({ "false, true, the reserves are not segregated", "true, false, the reserves are not bankruptcy-remote",
			"false, false, the reserves are neither segregated nor bankruptcy-remote" })
	void refusesApprovalOfReservesNotSegregatedAndBankruptcyRemote(boolean segregated, boolean remote, String reason) {
		ApiClient.Case submitted = issuer.submit(from(Fixtures.EQUIVALENT_HOME,
				content -> ((ObjectNode) content.get("trust")).put("segregated", segregated)
					.put("bankruptcyRemote", remote)));
		expectOk(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}"));
		// the pre-screen flagged it; conditions are what a reviewer would suggest
		expectOk(backing.complete(backing.taskId(submitted.reference(), "reviewBacking"),
				"{\"outcome\": \"CONCERNS\", \"findings\": \"The trust does not ring-fence the reserves.\"}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"),
				"{\"sent\": true}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"), CONFIRMED));
		String decide = decision.taskId(submitted.reference(), "decide");

		ApiClient.Response refused = refusedWithNothingStored(submitted, decide, APPROVE_WITH_CONDITIONS,
				"SEGREGATED_RESERVES");
		assertThat(refused.json().get("detail").asText()).contains(reason);
		expectOk(decision.complete(decide, REJECT));
	}

	@Test
	void refusesApprovalWhenTheHomeRegulatorRefusedInformationSharing() {
		// a refused reply joins the other branch as a confirmed one does; the
		// recommendation turns to rejection, the approval itself is barred by the gate
		ApiClient.Case submitted = atDecision(from(Fixtures.EQUIVALENT_HOME),
				"{\"confirmed\": false, \"reason\": \"No legal basis to share supervisory information.\"}");
		String decide = decision.taskId(submitted.reference(), "decide");

		ApiClient.Response refused = refusedWithNothingStored(submitted, decide, APPROVE, "INFORMATION_SHARING");
		assertThat(refused.json().get("detail").asText())
			.contains("the home regulator refused to confirm information sharing");
		expectOk(decision.complete(decide, REJECT));
		assertThat(status(submitted)).isEqualTo("REJECTED");
	}

	@Test
	void refusesApprovalWhenNoRegisteredIntermediaryIsNamed() {
		ApiClient.Case submitted = atDecision(from(Fixtures.EQUIVALENT_HOME), CONFIRMED);
		// submission requires the intermediary, and a submitted application cannot be
		// revised: only a correction of the record can take the registration number
		// away, and the gate reads the record as it is at the decision
		jdbc.sql("""
				UPDATE app.application SET content = jsonb_set(content, '{intermediary,registrationNumber}', '" "')
				WHERE id = ?::uuid
				""").param(submitted.id()).update();
		String decide = decision.taskId(submitted.reference(), "decide");

		ApiClient.Response refused = refusedWithNothingStored(submitted, decide, APPROVE, "JAPANESE_INTERMEDIARY");
		assertThat(refused.json().get("detail").asText())
			.contains("no registered Japanese intermediary is named (name and registration number)");

		jdbc.sql("""
				UPDATE app.application SET content = jsonb_set(content, '{intermediary,registrationNumber}',
				    '"Kanto Local Finance Bureau EPMSP No. 00001"') WHERE id = ?::uuid
				""").param(submitted.id()).update();
		approved(submitted, decide, APPROVE);
	}

	@Test
	void saysOnTheDecisionScreenWhichGatesFailAndRefusesTheApprovalThere() throws Exception {
		ApiClient.Case submitted = atDecision(from(UNDER_ASSESSMENT), CONFIRMED);
		String decide = decision.taskId(submitted.reference(), "decide");
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();

		// the reader's language is kept with them: Japanese first, English last, so the
		// refusal below (and the user's next session) reads in English
		String japanese = mvc.perform(get("/tasks/" + decide + "?lang=ja").with(httpBasic("decision", "demo")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(japanese).contains("id=\"legal-gates\"", "承認できません", "本国の枠組み（" + UNDER_ASSESSMENT + "）が同等と判断されていません");

		String english = mvc.perform(get("/tasks/" + decide + "?lang=en").with(httpBasic("decision", "demo")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(english).contains("id=\"legal-gates\"", "cannot be approved",
				"the home framework (" + UNDER_ASSESSMENT + ") is not judged equivalent");
		long decisions = decisionRows(submitted);
		MvcResult posted = mvc
			.perform(post("/tasks/" + decide + "/complete").with(httpBasic("decision", "demo"))
				.with(csrf())
				.param("decision", "APPROVE")
				.param("reasons", "All in order."))
			.andReturn();
		assertThat(posted.getResponse().getRedirectedUrl()).as("back on the case, where a rejection is still possible")
			.isEqualTo("/tasks/" + decide);
		assertThat(String.valueOf(posted.getFlashMap().get("error"))).contains("cannot be approved",
				"is not judged equivalent");
		assertThat(decisionRows(submitted)).isEqualTo(decisions);
		assertThat(status(submitted)).isEqualTo("IN_REVIEW");

		jurisdictions.set("admin", UNDER_ASSESSMENT, "New Zealand", EquivalenceStatus.EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "judged equivalent");
		String judged = mvc.perform(get("/tasks/" + decide + "?lang=en").with(httpBasic("decision", "demo")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(judged).doesNotContain("id=\"legal-gates\"");
	}

	static final String CONFIRMED = "{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"MOU-GATES\"}";

	/** Complete, backing satisfactory, the home regulator asked and answered. */
	private ApiClient.Case atDecision(String application, String reply) {
		ApiClient.Case submitted = issuer.submit(application);
		expectOk(intake.complete(intake.taskId(submitted.reference(), "checkCompleteness"), "{\"complete\": true}"));
		// a framework under assessment is flagged, which the backing reviewer does not
		// judge: concerns, so the review needs no overruling
		expectOk(backing.complete(backing.taskId(submitted.reference(), "reviewBacking"),
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Attestations to be watched.\"}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "requestHomeConfirmation"),
				"{\"sent\": true}"));
		expectOk(cooperation.complete(cooperation.taskId(submitted.reference(), "recordHomeReply"), reply));
		return submitted;
	}

	/**
	 * The approval refused with 422, naming exactly these gates; no decision row and no
	 * audit entry of the attempt; the task still open and the case in review.
	 */
	private ApiClient.Response refusedWithNothingStored(ApiClient.Case submitted, String decide, String form,
			String... gates) {
		long decisions = decisionRows(submitted);
		long audit = auditEntries(submitted);

		ApiClient.Response refused = decision.complete(decide, form);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
		assertThat(refused.json().get("title").asText()).isEqualTo("Legal gates not met");
		assertThat(refused.json().get("detail").asText()).contains(submitted.reference(), "cannot be approved");
		List<String> named = new ArrayList<>();
		refused.json().get("errors").forEach(error -> named.add(error.get("field").asText()));
		assertThat(named).containsExactly(gates);
		assertThat(refused.json().get("missing")).extracting(JsonNode::asText).containsExactly(gates);
		assertThat(decisionRows(submitted)).as("no decision recorded").isEqualTo(decisions);
		assertThat(auditEntries(submitted)).as("nothing audited").isEqualTo(audit);
		assertThat(status(submitted)).isEqualTo("IN_REVIEW");
		assertThat(decision.taskId(submitted.reference(), "decide")).isEqualTo(decide);
		return refused;
	}

	private void approved(ApiClient.Case submitted, String decide, String form) {
		long decisions = decisionRows(submitted);
		expectOk(decision.complete(decide, form));
		assertThat(status(submitted)).isEqualTo("APPROVED");
		assertThat(decisionRows(submitted)).isEqualTo(decisions + 1);
	}

	private String status(ApiClient.Case submitted) {
		return issuer.get("/api/v1/applications/" + submitted.id()).json().get("status").asText();
	}

	private long decisionRows(ApiClient.Case submitted) {
		return jdbc.sql("SELECT count(*) FROM app.decision WHERE application_id = ?::uuid")
			.param(submitted.id())
			.query(Long.class)
			.single();
	}

	private long auditEntries(ApiClient.Case submitted) {
		return jdbc.sql("SELECT count(*) FROM app.audit_entry WHERE case_reference = ?")
			.param(submitted.reference())
			.query(Long.class)
			.single();
	}

	private static String from(String jurisdiction) {
		return Fixtures.exampleJsonFrom(jurisdiction);
	}

	private static String from(String jurisdiction, Consumer<ObjectNode> change) {
		ObjectNode content = Fixtures.example();
		((ObjectNode) content.get("issuer")).put("jurisdiction", jurisdiction);
		change.accept(content);
		return content.toString();
	}

	private static void expectOk(ApiClient.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

}
