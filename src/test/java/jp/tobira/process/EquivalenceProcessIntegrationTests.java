package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.Applications;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.security.Organisations;
import jp.tobira.validation.InvalidInput;

/**
 * Every path of {@code bpmn/equivalence-application.bpmn} on the engine, on PostgreSQL, through the services the API
 * calls. Timers fire by moving the engine's clock and executing the due job; nothing sleeps.
 */
@TobiraIntegrationTest
class EquivalenceProcessIntegrationTests {

	/** Judged equivalent for these tests; the canonical application's US stays under assessment. */
	static final String EQUIVALENT = "CH";

	static final String NOT_EQUIVALENT = "KY";

	@Autowired
	ProcessEngine engine;

	@Autowired
	ApplicationService applications;

	@Autowired
	DocumentService documents;

	@Autowired
	Applications repository;

	@Autowired
	ReviewTasks tasks;

	@Autowired
	Organisations organisations;

	@Autowired
	RequestsForInformation rfis;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	JdbcClient jdbc;

	CaseDriver cases;

	@BeforeEach
	void setUp() {
		BpmnAwareTests.init(engine);
		cases = new CaseDriver(applications, documents, repository, tasks, engine, organisations);
		jurisdictions.set("admin", EQUIVALENT, "Switzerland", EquivalenceStatus.EQUIVALENT, "test");
		jurisdictions.set("admin", NOT_EQUIVALENT, "Cayman Islands", EquivalenceStatus.NOT_EQUIVALENT, "test");
	}

	@AfterEach
	void resetClock() {
		ClockUtil.reset();
	}

	@Test
	void approvesACompleteCaseFromAnEquivalentJurisdiction() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		var instance = cases.processOf(id);
		BpmnAwareTests.assertThat(instance).isWaitingAt("checkCompleteness");
		BpmnAwareTests.assertThat(instance).task().hasCandidateGroup("intake");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.SUBMITTED);

		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("reviewBacking", "requestHomeConfirmation");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
		assertThat(flags(id)).isEmpty();

		cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		cases.complete(cases.cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("decide");
		BpmnAwareTests.assertThat(instance).task().hasCandidateGroup("decision");
		assertThat(recommendation(id)).isEqualTo("APPROVE");

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}");
		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("recordApproval", "approved");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
		assertThat(registered(id)).isTrue();
	}

	@Test
	void approvesWithConditionsWhenTheBackingReviewHasConcerns() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.backing, id, "reviewBacking",
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Reverse repo counterparties are concentrated.\"}");
		cases.complete(cases.cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		assertThat(recommendation(id)).isEqualTo("APPROVE_WITH_CONDITIONS");

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE_WITH_CONDITIONS\", "
				+ "\"conditions\": \"Quarterly counterparty report.\", \"reasons\": \"Concentration risk.\"}");
		BpmnAwareTests.assertThat(cases.processOf(id)).isNull();
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
		assertThat(registered(id)).isTrue();
	}

	@Test
	void resumesTheCompletenessCheckWhenTheIssuerAnswersARequestForInformation() {
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"AUDIT_REPORT\"], \"message\": \"The audit report is unsigned.\"}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("awaitCompletenessAnswer");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.AWAITING_ISSUER);
		assertThat(rfis.openFor(id)).isPresent();

		rfis.answer(cases.issuer, id, "Signed report attached.", List.of(new RequestsForInformation.DocumentUpload(
				DocumentType.AUDIT_REPORT, new DocumentService.Upload(Fixtures.pdf("signed audit " + id),
						"audit-signed.pdf", "application/pdf"))));

		BpmnAwareTests.assertThat(instance).isWaitingAt("checkCompleteness");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
		assertThat(rfis.openFor(id)).isEmpty();
		assertThat(documents.list(cases.issuer, id)).filteredOn(d -> d.type() == DocumentType.AUDIT_REPORT)
			.extracting(d -> d.version())
			.containsExactly(1, 2);
	}

	@Test
	void lapsesWhenTheIssuerDoesNotAnswerWithinThirtyDays() {
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"trust\"], \"message\": \"Name the custodian.\"}");

		Job timer = timer(id, "completenessRfiLapsed");
		moveClock(Duration.ofDays(29));
		assertThat(engine.getManagementService().createJobQuery().jobId(timer.getId()).executable().count()).isZero();
		moveClock(Duration.ofDays(2));
		engine.getManagementService().executeJob(timer.getId());

		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("lapseAtCompleteness", "lapsedAtCompleteness");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.LAPSED);
		assertThat(rfis.openFor(id)).isEmpty();
		assertThat(auditKinds(id)).contains("TIMER_FIRED", "APPLICATION_LAPSED");
	}

	@Test
	void returnsToTheBackingReviewWhenItsRequestForInformationIsAnswered() {
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.backing, id, "reviewBacking",
				"{\"outcome\": \"RFI\", \"missing\": [\"RESERVE_ATTESTATION\"], \"message\": \"Attestation for October?\"}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("awaitBackingAnswer", "requestHomeConfirmation");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.AWAITING_ISSUER);

		rfis.answer(cases.issuer, id, "Here it is.", List.of());
		BpmnAwareTests.assertThat(instance).isWaitingAt("reviewBacking", "requestHomeConfirmation");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
	}

	@Test
	void lapsesTheWholeCaseWhenTheBackingRequestGoesUnanswered() {
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.backing, id, "reviewBacking",
				"{\"outcome\": \"RFI\", \"missing\": [\"RESERVE_ATTESTATION\"], \"message\": \"Attestation for October?\"}");

		moveClock(Duration.ofDays(31));
		engine.getManagementService().executeJob(timer(id, "backingRfiLapsed").getId());

		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("lapsedInReview");
		assertThat(cases.openTasks(id)).as("the cooperation branch ends too").isEmpty();
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.LAPSED);
	}

	@Test
	void recommendsRejectionWhenTheHomeRegulatorRefusesAndTheDecisionRejects() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.throughToHomeReply(id);
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": false, \"reason\": \"No legal basis to share supervisory information.\"}");
		assertThat(recommendation(id)).isEqualTo("REJECT");

		cases.complete(cases.decision, id, "decide",
				"{\"decision\": \"REJECT\", \"reasons\": \"No information sharing with the home regulator.\"}");
		BpmnAwareTests.assertThat(cases.processOf(id)).isNull();
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.REJECTED);
		assertThat(registered(id)).isFalse();
	}

	@Test
	void escalatesTheReplyToTheDecisionGroupAfterFortyFiveDays() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		var instance = cases.processOf(id);
		cases.throughToHomeReply(id);

		moveClock(Duration.ofDays(46));
		engine.getManagementService().executeJob(timer(id, "homeReplyOverdue").getId());

		BpmnAwareTests.assertThat(instance).hasPassed("escalateHomeReply", "escalated").isWaitingAt("recordHomeReply");
		assertThat(engine.getTaskService().getIdentityLinksForTask(cases.task(id, "recordHomeReply").getId()))
			.extracting(IdentityLink::getGroupId)
			.contains("cooperation", "decision");
		assertThat(jdbc.sql("SELECT escalated_at IS NOT NULL FROM app.application WHERE id = ?")
			.param(id.value())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(auditKinds(id)).contains("TIMER_FIRED", "ESCALATED");

		cases.complete(cases.decision, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"late reply\"}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("decide");
	}

	@Test
	void skipsTheConfirmationAndRecommendsRejectionForANonEquivalentFramework() {
		ApplicationId id = cases.submitted(from(NOT_EQUIVALENT));
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");

		BpmnAwareTests.assertThat(instance).hasPassed("recordNotEquivalent").isWaitingAt("reviewBacking");
		assertThat(cases.task(id, "requestHomeConfirmation")).isNull();
		assertThat(flags(id)).contains("NOT_EQUIVALENT");

		cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		assertThat(recommendation(id)).isEqualTo("REJECT");
		BpmnAwareTests.assertThat(instance).isWaitingAt("decide");
	}

	@Test
	void refusesTheDecisionToSomeoneWhoReviewedTheCase() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.decision2, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		cases.complete(cases.cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"ref\"}");
		String decide = cases.task(id, "decide").getId();

		assertThatThrownBy(() -> tasks.complete(cases.decision2, decide,
				CaseDriver.json("{\"decision\": \"APPROVE\", \"reasons\": \"fine\"}")))
			.isInstanceOf(FourEyesViolation.class)
			.hasMessageContaining("decision2")
			.hasMessageContaining("reviewBacking");
		assertThatThrownBy(() -> tasks.claim(cases.decision2, decide)).isInstanceOf(FourEyesViolation.class);
		assertThat(cases.task(id, "decide").getAssignee()).as("nothing of the refused attempt remains").isNull();
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"fine\"}");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
	}

	@Test
	void withdrawsAtEveryStageBeforeTheDecision() {
		ApplicationId atCompleteness = cases.submitted();
		ApplicationId awaitingIssuer = cases.submitted();
		cases.complete(cases.intake, awaitingIssuer, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"WHITE_PAPER\"], \"message\": \"Unreadable scan.\"}");
		ApplicationId inReview = cases.submitted(from(EQUIVALENT));
		cases.complete(cases.intake, inReview, "checkCompleteness", "{\"complete\": true}");
		ApplicationId escalated = cases.submitted(from(EQUIVALENT));
		cases.throughToHomeReply(escalated);
		ApplicationId atDecision = cases.submitted(from(EQUIVALENT));
		cases.throughToDecision(atDecision);

		for (ApplicationId id : List.of(atCompleteness, awaitingIssuer, inReview, escalated, atDecision)) {
			String processInstance = cases.processInstanceId(id);
			applications.withdraw(cases.issuer, id, "business decision");
			assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.WITHDRAWN);
			assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstance).count())
				.isZero();
			assertThat(engine.getHistoryService()
				.createHistoricActivityInstanceQuery()
				.processInstanceId(processInstance)
				.activityId("withdrawn")
				.count()).isEqualTo(1);
			assertThat(rfis.openFor(id)).isEmpty();
		}
	}

	@Test
	void refusesWithdrawalAfterTheDecision() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.throughToDecision(id);
		cases.complete(cases.decision, id, "decide", "{\"decision\": \"REJECT\", \"reasons\": \"Not convinced.\"}");
		assertThatThrownBy(() -> applications.withdraw(cases.issuer, id, "too late"))
			.hasMessageContaining("can no longer be withdrawn");
	}

	@Test
	void refusesASatisfactoryBackingReviewThatIgnoresAFlag() {
		ObjectNode stale = (ObjectNode) Fixtures.JSON.valueToTree(from(EQUIVALENT));
		((ObjectNode) stale.get("audit")).put("lastAuditDate", "2024-01-31");
		ApplicationId id = cases.submitted(Fixtures.JSON.convertValue(stale, ApplicationContent.class));
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		assertThat(flags(id)).containsExactly("STALE_AUDIT");

		assertThatThrownBy(() -> cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}"))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("STALE_AUDIT");
		assertThatThrownBy(() -> cases.complete(cases.backing, id, "reviewBacking",
				"{\"outcome\": \"SATISFACTORY\", \"overrules\": {\"STALE_AUDIT\": \" \"}}"))
			.isInstanceOf(InvalidInput.class)
			.hasMessageContaining("written reason");

		cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\", \"overrules\": "
				+ "{\"STALE_AUDIT\": \"The 2025 audit is in its final review; interim review letter seen.\"}}");
		BpmnAwareTests.assertThat(cases.processOf(id)).isWaitingAt("requestHomeConfirmation");
	}

	private static ApplicationContent from(String jurisdiction) {
		ObjectNode example = Fixtures.example();
		((ObjectNode) example.get("issuer")).put("jurisdiction", jurisdiction);
		return Fixtures.JSON.convertValue(example, ApplicationContent.class);
	}

	private Job timer(ApplicationId id, String activityId) {
		return engine.getManagementService()
			.createJobQuery()
			.processInstanceId(cases.processInstanceId(id))
			.activityId(activityId)
			.timers()
			.singleResult();
	}

	private static void moveClock(Duration by) {
		ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
	}

	private List<String> flags(ApplicationId id) {
		return jdbc.sql("SELECT flag FROM app.case_flag WHERE application_id = ? ORDER BY flag")
			.param(id.value())
			.query(String.class)
			.list();
	}

	private String recommendation(ApplicationId id) {
		return jdbc.sql("SELECT recommendation FROM app.recommendation WHERE application_id = ?")
			.param(id.value())
			.query(String.class)
			.single();
	}

	private boolean registered(ApplicationId id) {
		return jdbc.sql("SELECT count(*) FROM app.register_entry WHERE application_id = ?")
			.param(id.value())
			.query(Long.class)
			.single() > 0;
	}

	private List<String> auditKinds(ApplicationId id) {
		return jdbc.sql("""
				SELECT kind FROM app.audit_entry
				WHERE case_reference = (SELECT reference FROM app.application WHERE id = ?) ORDER BY seq
				""").param(id.value()).query(String.class).list();
	}
}
