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
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.ApplicationStateConflict;
import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.Applications;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.application.Stage;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.decision.Decisions;
import jp.tobira.decision.Outcome;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.Organisations;
import jp.tobira.validation.InvalidInput;

/**
 * Every path of {@code bpmn/equivalence-application.bpmn} on the engine, on PostgreSQL,
 * through the services the API calls. Timers fire by moving the engine's clock and
 * executing the due job; nothing sleeps.
 */
@TobiraIntegrationTest
class EquivalenceProcessIntegrationTests {

	/**
	 * Judged equivalent for these tests; the canonical application's US stays under
	 * assessment.
	 */
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

	@Autowired
	Decisions decisions;

	@Autowired
	TransactionTemplate transactions;

	CaseDriver cases;

	@BeforeEach
	void setUp() {
		BpmnAwareTests.init(engine);
		cases = new CaseDriver(applications, documents, repository, tasks, engine, organisations);
		jurisdictions.set("admin", EQUIVALENT, "Switzerland", EquivalenceStatus.EQUIVALENT, Fixtures.DETERMINED_ON,
				Fixtures.DETERMINATION, "test");
		jurisdictions.set("admin", NOT_EQUIVALENT, "Cayman Islands", EquivalenceStatus.NOT_EQUIVALENT,
				Fixtures.DETERMINED_ON, Fixtures.DETERMINATION, "test");
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
		BpmnAwareTests.assertThat(instance)
			.hasPassed("enterReview")
			.isWaitingAt("reviewBacking", "requestHomeConfirmation");
		assertThat(activityName("enterReview")).as("the step's name says what it does")
			.isEqualTo("Enter the review stage");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
		assertThat(cases.application(id).stage()).isEqualTo(Stage.REVIEW);
		assertThat(flags(id)).isEmpty();

		cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		cases.complete(cases.cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("decide");
		BpmnAwareTests.assertThat(instance).task().hasCandidateGroup("decision");
		assertThat(timer(id, "homeReplyOverdue")).as("the reply timer ends with the reply").isNull();
		assertThat(recommendation(id)).isEqualTo("APPROVE");

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}");
		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("recordApproval", "approved");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
		assertThat(registered(id)).isTrue();
	}

	@Test
	void approvesWithConditionsWhenTheBackingReviewHasConcerns() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.backing, id, "reviewBacking",
				"{\"outcome\": \"CONCERNS\", \"findings\": \"Reverse repo counterparties are concentrated.\"}");
		cases.complete(cases.cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"FINMA-FSA-2026\"}");
		assertThat(recommendation(id)).isEqualTo("APPROVE_WITH_CONDITIONS");

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE_WITH_CONDITIONS\", "
				+ "\"conditions\": \"Quarterly counterparty report.\", \"reasons\": \"Concentration risk.\"}");
		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("recordApproval", "approved");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
		assertThat(registered(id)).isTrue();
		assertThat(jdbc.sql("SELECT conditions FROM app.register_entry WHERE application_id = ?")
			.param(id.value())
			.query(String.class)
			.single()).isEqualTo("Quarterly counterparty report.");
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
		assertThat(timer(id, "completenessRfiLapsed")).isNotNull();

		rfis.answer(cases.issuer, id, "Signed report attached.",
				List.of(new RequestsForInformation.DocumentUpload(DocumentType.AUDIT_REPORT, new DocumentService.Upload(
						Fixtures.pdf("signed audit " + id), "audit-signed.pdf", "application/pdf"))));

		BpmnAwareTests.assertThat(instance).isWaitingAt("checkCompleteness");
		assertThat(cases.application(id).status()).as("back in the completeness check, as a fresh submission")
			.isEqualTo(ApplicationStatus.SUBMITTED);
		assertThat(cases.application(id).stage()).isEqualTo(Stage.COMPLETENESS_CHECK);
		assertThat(rfis.openFor(id)).isEmpty();
		assertThat(timer(id, "completenessRfiLapsed")).as("the lapse timer ends with the answer").isNull();
		assertThat(documents.list(cases.issuer, id)).filteredOn(d -> d.type() == DocumentType.AUDIT_REPORT)
			.extracting(d -> d.version())
			.containsExactly(1, 2);
	}

	@Test
	void lapsesWhenTheIssuerDoesNotAnswerWithinThirtyDays() {
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		Date asked = pinClock();
		cases.complete(cases.intake, id, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"trust\"], \"message\": \"Name the custodian.\"}");

		fireWhenDue(timer(id, "completenessRfiLapsed"), asked, Duration.ofDays(30));

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
		assertThat(timer(id, "backingRfiLapsed")).isNotNull();

		rfis.answer(cases.issuer, id, "Here it is.", List.of());
		BpmnAwareTests.assertThat(instance).isWaitingAt("reviewBacking", "requestHomeConfirmation");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
		assertThat(timer(id, "backingRfiLapsed")).as("the lapse timer ends with the answer").isNull();
	}

	@Test
	void lapsesTheWholeCaseWhenTheBackingRequestGoesUnanswered() {
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		Date asked = pinClock();
		cases.complete(cases.backing, id, "reviewBacking",
				"{\"outcome\": \"RFI\", \"missing\": [\"RESERVE_ATTESTATION\"], \"message\": \"Attestation for October?\"}");

		fireWhenDue(timer(id, "backingRfiLapsed"), asked, Duration.ofDays(30));

		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("lapsedInReview");
		assertThat(cases.openTasks(id)).as("the cooperation branch ends too").isEmpty();
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.LAPSED);
		assertThat(rfis.openFor(id)).isEmpty();
		assertThat(auditKinds(id)).contains("TIMER_FIRED", "APPLICATION_LAPSED");
	}

	@Test
	void recommendsRejectionWhenTheHomeRegulatorRefusesAndTheDecisionRejects() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		var instance = cases.processOf(id);
		cases.throughToHomeReply(id);
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": false, \"reason\": \"No legal basis to share supervisory information.\"}");
		assertThat(recommendation(id)).isEqualTo("REJECT");

		cases.complete(cases.decision, id, "decide",
				"{\"decision\": \"REJECT\", \"reasons\": \"No information sharing with the home regulator.\"}");
		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("recordRejection", "rejected");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.REJECTED);
		assertThat(registered(id)).isFalse();
		assertThat(auditKinds(id)).as("the issuer is notified by the step after the decision task")
			.endsWith("DECIDED", "TASK_COMPLETED", "MESSAGE_SENT");
		assertThat(messagesToTheIssuer(id)).containsExactly("decision letter REJECT " + recordSha256(id));
	}

	@Test
	void recognisesTheTokenInItsOwnStepNotWhenTheDecisionIsRecorded() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		var instance = cases.processOf(id);
		cases.throughToDecision(id);
		transactions.executeWithoutResult(rolledBack -> {
			decisions.record(id, Outcome.APPROVE, "All in order.", null, "APPROVE", "decision");
			assertThat(registered(id)).as("a recorded approval alone recognises nothing").isFalse();
			rolledBack.setRollbackOnly();
		});

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"All in order.\"}");
		BpmnAwareTests.assertThat(instance).isEnded().hasPassed("recordApproval", "approved");
		assertThat(registered(id)).isTrue();
		assertThat(auditKinds(id)).as("entered by the step after the decision task, and supervision begins")
			.endsWith("DECIDED", "TASK_COMPLETED", "REGISTER_ENTRY_ADDED", "SUPERVISION_STARTED");
		assertThat(messagesToTheIssuer(id)).as("no letter is claimed sent on approval").isEmpty();
	}

	@Test
	void escalatesTheReplyToTheDecisionGroupAfterFortyFiveDays() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		var instance = cases.processOf(id);
		Date sent = pinClock();
		cases.throughToHomeReply(id);

		fireWhenDue(timer(id, "homeReplyOverdue"), sent, Duration.ofDays(45));

		BpmnAwareTests.assertThat(instance).hasPassed("escalateHomeReply", "escalated").isWaitingAt("recordHomeReply");
		assertThat(engine.getTaskService().getIdentityLinksForTask(cases.task(id, "recordHomeReply").getId()))
			.extracting(IdentityLink::getGroupId)
			.contains("cooperation", "decision");
		assertThat(escalatedAt(id)).isTrue();
		assertThat(auditKinds(id)).contains("TIMER_FIRED", "ESCALATED");

		cases.complete(cases.decision, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"late reply\"}");
		BpmnAwareTests.assertThat(instance).isWaitingAt("decide");
		assertThat(timer(id, "homeReplyOverdue")).isNull();
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
		cases.throughToDecision(id, cases.decision2);
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
		ApplicationId completenessRfiOpen = cases.submitted();
		cases.complete(cases.intake, completenessRfiOpen, "checkCompleteness",
				"{\"complete\": false, \"missing\": [\"WHITE_PAPER\"], \"message\": \"Unreadable scan.\"}");
		ApplicationId inReview = cases.submitted(from(EQUIVALENT));
		cases.complete(cases.intake, inReview, "checkCompleteness", "{\"complete\": true}");
		ApplicationId backingRfiOpen = cases.submitted(from(EQUIVALENT));
		cases.complete(cases.intake, backingRfiOpen, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.backing, backingRfiOpen, "reviewBacking",
				"{\"outcome\": \"RFI\", \"missing\": [\"RESERVE_ATTESTATION\"], \"message\": \"Attestation for October?\"}");
		BpmnAwareTests.assertThat(cases.processOf(backingRfiOpen))
			.isWaitingAt("awaitBackingAnswer", "requestHomeConfirmation");
		assertThat(rfis.openFor(backingRfiOpen)).isPresent();
		ApplicationId notEquivalent = cases.submitted(from(NOT_EQUIVALENT));
		cases.complete(cases.intake, notEquivalent, "checkCompleteness", "{\"complete\": true}");
		BpmnAwareTests.assertThat(cases.processOf(notEquivalent))
			.hasPassed("recordNotEquivalent")
			.isWaitingAt("reviewBacking");
		ApplicationId awaitingReply = cases.submitted(from(EQUIVALENT));
		cases.throughToHomeReply(awaitingReply);
		ApplicationId atDecision = cases.submitted(from(EQUIVALENT));
		cases.throughToDecision(atDecision);
		// last, because it moves the clock 45 days on
		ApplicationId escalated = cases.submitted(from(EQUIVALENT));
		Date sent = pinClock();
		cases.throughToHomeReply(escalated);
		fireWhenDue(timer(escalated, "homeReplyOverdue"), sent, Duration.ofDays(45));
		BpmnAwareTests.assertThat(cases.processOf(escalated)).hasPassed("escalated").isWaitingAt("recordHomeReply");
		assertThat(escalatedAt(escalated)).isTrue();

		for (ApplicationId id : List.of(atCompleteness, completenessRfiOpen, inReview, backingRfiOpen, notEquivalent,
				awaitingReply, escalated, atDecision)) {
			String reference = cases.application(id).reference().value();
			String processInstance = cases.processInstanceId(id);
			applications.withdraw(cases.issuer, id, "business decision");
			assertThat(cases.application(id).status()).as(reference).isEqualTo(ApplicationStatus.WITHDRAWN);
			assertThat(
					engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstance).count())
				.as(reference)
				.isZero();
			assertThat(engine.getManagementService().createJobQuery().processInstanceId(processInstance).count())
				.as("no timer of %s survives", reference)
				.isZero();
			assertThat(engine.getHistoryService()
				.createHistoricActivityInstanceQuery()
				.processInstanceId(processInstance)
				.activityId("withdrawn")
				.count()).as(reference).isEqualTo(1);
			assertThat(rfis.openFor(id)).as(reference).isEmpty();
			assertThat(auditKinds(id)).as(reference).containsOnlyOnce("APPLICATION_WITHDRAWN");
		}
	}

	@Test
	void refusesWithdrawalAfterTheDecision() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.throughToDecision(id);
		cases.complete(cases.decision, id, "decide", "{\"decision\": \"REJECT\", \"reasons\": \"Not convinced.\"}");
		assertThatThrownBy(() -> applications.withdraw(cases.issuer, id, "too late"))
			.isInstanceOf(ApplicationStateConflict.class)
			.hasMessageContaining("can no longer be withdrawn");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.REJECTED);
		assertThat(auditKinds(id)).doesNotContain("APPLICATION_WITHDRAWN");
	}

	@Test
	void recommendsRejectionWhileTheHomeFrameworkIsUnderAssessment() {
		// the canonical application's United States is under assessment in the seeded
		// jurisdiction table
		ApplicationId id = cases.submitted();
		var instance = cases.processOf(id);
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		assertThat(flags(id)).contains("UNDER_ASSESSMENT");
		BpmnAwareTests.assertThat(instance).isWaitingAt("reviewBacking", "requestHomeConfirmation");

		cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		cases.complete(cases.cooperation, id, "requestHomeConfirmation", "{\"sent\": true}");
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"NYDFS-JFSA-MOU-2026\"}");

		// no approval would pass the legal gates until the framework is judged
		// equivalent: conditions cannot cure it
		assertThat(recommendation(id)).isEqualTo("REJECT");
		BpmnAwareTests.assertThat(instance).isWaitingAt("decide");
		BpmnAwareTests.assertThat(instance).task().hasCandidateGroup("decision");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);
	}

	@Test
	void refusesTheDecisionToAReviewerWhoCompletesItThroughTheEngineWithoutClaimingIt() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.throughToDecision(id, cases.decision2);
		String decide = cases.task(id, "decide").getId();
		assertThat(cases.task(id, "decide").getAssignee()).isNull();

		// the door Cockpit and the engine's REST API use: no claim, the user known only
		// as the authenticated one
		engine.getIdentityService().setAuthenticatedUserId("decision2");
		try {
			assertThatThrownBy(() -> engine.getTaskService()
				.complete(decide, java.util.Map.of(ApplicationProcess.Variables.DECISION, "APPROVE")))
				.satisfies(refusal -> assertThat(causes(refusal))
					.anySatisfy(cause -> assertThat(cause).isInstanceOf(FourEyesViolation.class)
						.hasMessageContaining("decision2")
						.hasMessageContaining("reviewBacking")));
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		assertThat(cases.task(id, "decide")).as("the decision is still open").isNotNull();
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.IN_REVIEW);

		cases.complete(cases.decision, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"fine\"}");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
	}

	@Test
	void countsAnEarlierTaskCompletedThroughTheEngineWithoutAClaim() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		cases.complete(cases.intake, id, "checkCompleteness", "{\"complete\": true}");
		cases.complete(cases.backing, id, "reviewBacking", "{\"outcome\": \"SATISFACTORY\"}");
		engine.getIdentityService().setAuthenticatedUserId("decision2");
		try {
			engine.getTaskService().complete(cases.task(id, "requestHomeConfirmation").getId());
		}
		finally {
			engine.getIdentityService().clearAuthentication();
		}
		cases.complete(cases.cooperation, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"ref\"}");

		assertThatThrownBy(() -> cases.complete(cases.decision2, id, "decide",
				"{\"decision\": \"APPROVE\", \"reasons\": \"fine\"}"))
			.isInstanceOf(FourEyesViolation.class)
			.hasMessageContaining("requestHomeConfirmation");
		assertThat(cases.task(id, "decide").getAssignee()).isNull();
	}

	@Test
	void refusesTheDecisionToTheDecisionMakerWhoRecordedAnEscalatedReply() {
		ApplicationId id = cases.submitted(from(EQUIVALENT));
		Date sent = pinClock();
		cases.throughToHomeReply(id);
		fireWhenDue(timer(id, "homeReplyOverdue"), sent, Duration.ofDays(45));
		cases.complete(cases.decision, id, "recordHomeReply",
				"{\"confirmed\": true, \"arrangement\": \"MOU\", \"reference\": \"late reply\"}");
		BpmnAwareTests.assertThat(cases.processOf(id)).isWaitingAt("decide");

		assertThatThrownBy(() -> cases.complete(cases.decision, id, "decide",
				"{\"decision\": \"APPROVE\", \"reasons\": \"fine\"}"))
			.isInstanceOf(FourEyesViolation.class)
			.hasMessageContaining("decision")
			.hasMessageContaining("recordHomeReply");
		assertThat(cases.task(id, "decide").getAssignee()).isNull();

		cases.complete(cases.decision2, id, "decide", "{\"decision\": \"APPROVE\", \"reasons\": \"fine\"}");
		assertThat(cases.application(id).status()).isEqualTo(ApplicationStatus.APPROVED);
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

	/**
	 * The name the deployed model gives an element: what Cockpit and the history show for
	 * it.
	 */
	private String activityName(String activityId) {
		var definition = engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(ApplicationProcess.KEY)
			.latestVersion()
			.singleResult();
		return engine.getRepositoryService()
			.getBpmnModelInstance(
					definition.getId()).<org.camunda.bpm.model.bpmn.instance.FlowElement>getModelElementById(activityId)
			.getName();
	}

	private Job timer(ApplicationId id, String activityId) {
		return engine.getManagementService()
			.createJobQuery()
			.processInstanceId(cases.processInstanceId(id))
			.activityId(activityId)
			.timers()
			.singleResult();
	}

	/**
	 * Moves the clock to a minute before the timer should be due and checks that the
	 * engine would not run it yet, then to a minute after and checks that it would, then
	 * runs it. {@code executeJob} runs a job whether or not it is due, so without these
	 * checks a wrong duration would go unnoticed.
	 */
	private void fireWhenDue(Job timer, Date armed, Duration after) {
		assertThat(timer).as("the timer is waiting").isNotNull();
		Date due = new Date(armed.getTime() + after.toMillis());
		ClockUtil.setCurrentTime(new Date(due.getTime() - Duration.ofMinutes(1).toMillis()));
		assertThat(executable(timer)).as("not yet due a minute before %s", after).isZero();
		ClockUtil.setCurrentTime(new Date(due.getTime() + Duration.ofMinutes(1).toMillis()));
		assertThat(executable(timer)).as("due a minute after %s", after).isEqualTo(1);
		engine.getManagementService().executeJob(timer.getId());
	}

	/**
	 * Stops the clock, so a timer armed now is due exactly its duration after the
	 * returned time.
	 */
	private static Date pinClock() {
		Date now = new Date();
		ClockUtil.setCurrentTime(now);
		return now;
	}

	private long executable(Job timer) {
		return engine.getManagementService().createJobQuery().jobId(timer.getId()).executable().count();
	}

	private boolean escalatedAt(ApplicationId id) {
		return jdbc.sql("SELECT escalated_at IS NOT NULL FROM app.application WHERE id = ?")
			.param(id.value())
			.query(Boolean.class)
			.single();
	}

	private static List<Throwable> causes(Throwable thrown) {
		List<Throwable> chain = new java.util.ArrayList<>();
		for (Throwable cause = thrown; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
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

	/**
	 * The notices of a decision letter sent to the issuer: what about, the outcome and
	 * the record's hash.
	 */
	private List<String> messagesToTheIssuer(ApplicationId id) {
		return jdbc.sql("""
				SELECT concat_ws(' ', payload::jsonb ->> 'about', payload::jsonb ->> 'outcome',
				    payload::jsonb ->> 'recordSha256')
				FROM app.audit_entry WHERE kind = 'MESSAGE_SENT' AND payload::jsonb ->> 'to' = 'issuer'
				AND payload::jsonb ->> 'about' = 'decision letter'
				AND case_reference = (SELECT reference FROM app.application WHERE id = ?) ORDER BY id
				""").param(id.value()).query(String.class).list();
	}

	private String recordSha256(ApplicationId id) {
		return decisions.of(id).orElseThrow().recordSha256();
	}

	private List<String> auditKinds(ApplicationId id) {
		return jdbc.sql("""
				SELECT kind FROM app.audit_entry
				WHERE case_reference = (SELECT reference FROM app.application WHERE id = ?) ORDER BY id
				""").param(id.value()).query(String.class).list();
	}

}
