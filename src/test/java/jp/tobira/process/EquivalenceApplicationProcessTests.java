package jp.tobira.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.claim;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageConfigurator;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;

import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdiction;

/**
 * {@code bpmn/equivalence-application.bpmn} and its three decision tables on a process
 * engine of their own: no Spring, no job executor, a throw-away embedded PostgreSQL for
 * this class. Every bean the model names is a mock (the step beans, the delegates, the
 * listeners; only the timer durations are the real bean with the default settings), so a
 * test fails on the model alone: a wrong flow, condition, timer, expression or listener.
 * Timers fire by moving the engine's clock and executing the due job. The class fails
 * unless the tests together pass every flow node and sequence flow of the model (the
 * report is written under {@code target/process-test-coverage/}). Running one method
 * alone therefore fails the class on coverage; run the class.
 */
@Deployment(resources = { EquivalenceApplicationProcessTests.PROCESS, "bpmn/pre-screen.dmn", "bpmn/recommendation.dmn",
		EquivalenceApplicationProcessTests.JURISDICTIONS })
class EquivalenceApplicationProcessTests {

	static final String PROCESS = "bpmn/equivalence-application.bpmn";

	static final String JURISDICTIONS = "bpmn/jurisdictions.dmn";

	static final EmbeddedPostgres POSTGRES = startPostgres();

	/**
	 * Registered first, so it runs last: the coverage report is written while the engine
	 * and its database live; then the engine is closed (its schema dropped, its name
	 * unregistered) and the database stopped.
	 */
	@RegisterExtension
	@Order(1)
	static final AfterAllCallback STOP_ENGINE_AND_POSTGRES = context -> {
		try {
			BpmnAwareTests.reset();
			EquivalenceApplicationProcessTests.ENGINE.getProcessEngine().close();
		}
		finally {
			POSTGRES.close();
		}
	};

	@RegisterExtension
	@Order(2)
	static final ProcessEngineCoverageExtension ENGINE = ProcessEngineCoverageExtension.builder(engineConfiguration())
		.assertClassCoverageAtLeast(1.0)
		.build();

	static final Instant SUBMITTED = Instant.parse("2026-11-30T01:00:00Z");

	static final Duration RFI_LAPSE = Duration.ofDays(30);

	static final Duration HOME_REPLY_TIMER = Duration.ofDays(45);

	final String applicationId = UUID.randomUUID().toString();

	final String reference = "TBR-TEST-" + applicationId.substring(0, 8);

	final CaseSteps caseSteps = mock(CaseSteps.class);

	final RfiSteps rfiSteps = mock(RfiSteps.class);

	final ReviewSteps reviewSteps = mock(ReviewSteps.class);

	final CooperationSteps cooperationSteps = mock(CooperationSteps.class);

	final DecisionSteps decisionSteps = mock(DecisionSteps.class);

	final TaskDeadlines taskDeadlines = mock(TaskDeadlines.class);

	final JavaDelegate preScreenInputs = mock(JavaDelegate.class);

	final JavaDelegate homeReplyEscalation = mock(JavaDelegate.class);

	final TaskListener taskAudit = mock(TaskListener.class);

	final ExecutionListener timerAudit = mock(ExecutionListener.class);

	final TaskListener fourEyesRule = mock(TaskListener.class);

	/** The legal gates read the application's tables: not part of the model's routing. */
	final TaskListener legalGatesRule = mock(TaskListener.class);

	/** What the delegates and listeners saw: "bean:applicationId:detail". */
	final List<String> calls = new CopyOnWriteArrayList<>();

	/**
	 * The checks' yes/no per variable, as the pre-screen inputs hand them over; all
	 * passed unless a test says not.
	 */
	final Map<String, Boolean> checks = new java.util.LinkedHashMap<>(
			Map.of("reserveCoveragePassed", true, "assetEligibilityPassed", true, "attestationAgePassed", true,
					"auditAgePassed", true, "redemptionPassed", true, "segregationPassed", true));

	final List<String> extraDeployments = new ArrayList<>();

	ProcessInstance instance;

	@BeforeEach
	void mockTheBeansTheModelNames() throws Exception {
		BpmnAwareTests.init(ENGINE.getProcessEngine());
		ClockUtil.setCurrentTime(Date.from(SUBMITTED));

		when(cooperationSteps.notEquivalent(anyString())).thenReturn(CooperationSteps.NOT_EQUIVALENT);
		when(taskDeadlines.due(any(DelegateExecution.class))).thenAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			calls.add(
					"taskDeadlines:" + execution.getVariable("applicationId") + ":" + execution.getCurrentActivityId());
			return dueDateOf(execution.getCurrentActivityId());
		});
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			calls.add("preScreenInputs:" + execution.getVariable("applicationId"));
			checks.forEach(execution::setVariable);
			return null;
		}).when(preScreenInputs).execute(any());
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			calls.add("homeReplyEscalation:" + execution.getVariable("applicationId"));
			return null;
		}).when(homeReplyEscalation).execute(any());
		doAnswer(call -> {
			DelegateTask task = call.getArgument(0);
			calls.add("taskAudit:" + task.getVariable("applicationId") + ":" + task.getTaskDefinitionKey());
			return null;
		}).when(taskAudit).notify(any());
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			calls.add("timerAudit:" + execution.getVariable("applicationId") + ":" + execution.getCurrentActivityId());
			return null;
		}).when(timerAudit).notify(any());
		doAnswer(call -> {
			DelegateTask task = call.getArgument(0);
			calls.add("fourEyesRule:" + task.getVariable("applicationId") + ":" + task.getEventName() + ":"
					+ task.getAssignee());
			return null;
		}).when(fourEyesRule).notify(any());

		Mocks.register("caseSteps", caseSteps);
		Mocks.register("rfiSteps", rfiSteps);
		Mocks.register("reviewSteps", reviewSteps);
		Mocks.register("cooperationSteps", cooperationSteps);
		Mocks.register("decisionSteps", decisionSteps);
		Mocks.register("taskDeadlines", taskDeadlines);
		Mocks.register("preScreenInputs", preScreenInputs);
		Mocks.register("homeReplyEscalation", homeReplyEscalation);
		Mocks.register("taskAudit", taskAudit);
		Mocks.register("timerAudit", timerAudit);
		Mocks.register("fourEyesRule", fourEyesRule);
		Mocks.register("legalGatesRule", legalGatesRule);
		Mocks.register("timerDurations", new TimerDurations(new TimerSettings(RFI_LAPSE, HOME_REPLY_TIMER)));
	}

	@AfterEach
	void forgetTheMocksAndTheClock() {
		extraDeployments.forEach(id -> repositoryService().deleteDeployment(id, true));
		Mocks.reset();
		ClockUtil.reset();
	}

	// --- the paths to a decision
	// ------------------------------------------------------------------------------------

	@Test
	void approvesACompleteCaseFromAnEquivalentJurisdiction() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		assertThat(instance).isWaitingAtExactly("checkCompleteness");
		assertThat(instance).task().hasCandidateGroup("intake").hasDueDate(dueDateOf("checkCompleteness"));
		verify(caseSteps).opened(applicationId);

		complete(task("checkCompleteness", instance), withVariables("complete", true));
		assertThat(instance).isWaitingAtExactly("reviewBacking", "requestHomeConfirmation");
		assertThat(instance).hasPassed("enterReview", "classifyJurisdiction", "gatherPreScreenInputs", "preScreen",
				"recordPreScreen");
		assertThat(instance).variables().containsEntry("jurisdictionStatus", "EQUIVALENT");
		verify(caseSteps).inReview(applicationId);
		Assertions.assertThat(preScreened()).as("no flag for a sound case from an equivalent jurisdiction").isEmpty();
		assertThat(task("reviewBacking", instance)).hasCandidateGroup("backing-review")
			.hasDueDate(dueDateOf("reviewBacking"));
		assertThat(task("requestHomeConfirmation", instance)).hasCandidateGroup("cooperation")
			.hasDueDate(dueDateOf("requestHomeConfirmation"));

		complete(task("reviewBacking", instance), withVariables("backingOutcome", "SATISFACTORY"));
		complete(task("requestHomeConfirmation", instance));
		assertThat(instance).as("the backing branch waits at the join")
			.isWaitingAtExactly("recordHomeReply", "reviewsDone");
		assertThat(task("recordHomeReply", instance)).hasCandidateGroup("cooperation")
			.hasDueDate(dueDateOf("recordHomeReply"));
		Assertions.assertThat(timer("homeReplyOverdue")).isNotNull();

		complete(task("recordHomeReply", instance), withVariables("cooperationOutcome", "CONFIRMED"));
		assertThat(instance).isWaitingAtExactly("decide");
		Assertions.assertThat(timer("homeReplyOverdue")).as("the reply timer ends with the reply").isNull();
		assertThat(task("decide", instance)).hasCandidateGroup("decision").hasDueDate(dueDateOf("decide"));
		Assertions.assertThat(recommended())
			.containsEntry("recommendation", "APPROVE")
			.containsEntry("rule", "RC-5 in order");

		decide("APPROVE");
		assertThat(instance).isEnded().hasPassed("recordApproval", "approved").hasNotPassed("recordRejection");
		verify(decisionSteps).approved(applicationId);
		verify(decisionSteps, never()).rejected(anyString());
		Assertions.assertThat(calls)
			.contains("preScreenInputs:" + applicationId)
			.containsSubsequence(deadline("checkCompleteness"), deadline("reviewBacking"),
					deadline("requestHomeConfirmation"), deadline("recordHomeReply"), deadline("decide"))
			.containsSubsequence(audited("checkCompleteness"), audited("reviewBacking"),
					audited("requestHomeConfirmation"), audited("recordHomeReply"), audited("decide"));
	}

	@Test
	void approvesWithConditionsWhenTheDecisionMakerSetsConditions() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		throughToDecision("CONCERNS", "CONFIRMED");
		Assertions.assertThat(recommended())
			.containsEntry("recommendation", "APPROVE_WITH_CONDITIONS")
			.containsEntry("rule", "RC-3 backing concerns");

		decide("APPROVE_WITH_CONDITIONS");

		assertThat(instance).isEnded().hasPassed("recordApproval", "approved").hasNotPassed("recordRejection");
		verify(decisionSteps).approved(applicationId);
	}

	@Test
	void rejectsWhenTheDecisionMakerRejects() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		throughToDecision("SATISFACTORY", "CONFIRMED");

		decide("REJECT");

		assertThat(instance).isEnded().hasPassed("recordRejection", "rejected").hasNotPassed("recordApproval");
		verify(decisionSteps).rejected(applicationId);
		verify(decisionSteps, never()).approved(anyString());
	}

	@Test
	void skipsTheHomeRegulatorAndRecommendsRejectionForAFrameworkNotEquivalent() {
		judge("KY", "NOT_EQUIVALENT");
		submittedFrom("KY");

		complete(task("checkCompleteness", instance), withVariables("complete", true));

		assertThat(instance).as("the cooperation branch is done and waits at the join")
			.isWaitingAtExactly("reviewBacking", "reviewsDone")
			.hasPassed("recordNotEquivalent", "cooperationDone")
			.hasNotPassed("requestHomeConfirmation");
		assertThat(instance).variables()
			.containsEntry("jurisdictionStatus", "NOT_EQUIVALENT")
			.containsEntry("cooperationOutcome", "NOT_EQUIVALENT");
		verify(cooperationSteps).notEquivalent(applicationId);
		Assertions.assertThat(preScreened()).extracting(row -> row.get("flag")).containsExactly("NOT_EQUIVALENT");

		complete(task("reviewBacking", instance), withVariables("backingOutcome", "SATISFACTORY"));
		assertThat(instance).isWaitingAtExactly("decide");
		Assertions.assertThat(recommended())
			.containsEntry("recommendation", "REJECT")
			.containsEntry("rule", "RC-1 not equivalent");
	}

	@Test
	void asksTheHomeRegulatorAndRecommendsRejectionForAFrameworkUnderAssessment() {
		// the shipped table: nothing is judged, so every jurisdiction is under assessment
		submittedFrom("US");

		complete(task("checkCompleteness", instance), withVariables("complete", true));

		assertThat(instance).isWaitingAtExactly("reviewBacking", "requestHomeConfirmation");
		assertThat(instance).variables().containsEntry("jurisdictionStatus", "UNDER_ASSESSMENT");
		Assertions.assertThat(preScreened()).extracting(row -> row.get("flag")).containsExactly("UNDER_ASSESSMENT");
		verify(cooperationSteps, never()).notEquivalent(anyString());

		complete(task("reviewBacking", instance), withVariables("backingOutcome", "SATISFACTORY"));
		complete(task("requestHomeConfirmation", instance));
		complete(task("recordHomeReply", instance), withVariables("cooperationOutcome", "CONFIRMED"));
		Assertions.assertThat(recommended())
			.containsEntry("recommendation", "REJECT")
			.containsEntry("rule", "RC-4 under assessment");
	}

	@Test
	void recommendsRejectionWhenTheHomeRegulatorRefuses() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		throughToDecision("SATISFACTORY", "REFUSED");

		assertThat(instance).isWaitingAtExactly("decide");
		Assertions.assertThat(recommended())
			.containsEntry("recommendation", "REJECT")
			.containsEntry("rule", "RC-2 no information sharing");
	}

	@Test
	void handsEveryFailedCheckToTheBackingReviewerAsAFlag() {
		judge("CH", "EQUIVALENT");
		checks.put("attestationAgePassed", false);
		checks.put("segregationPassed", false);
		submittedFrom("CH");

		complete(task("checkCompleteness", instance), withVariables("complete", true));

		Assertions.assertThat(preScreened())
			.extracting(row -> row.get("flag"))
			.containsExactly("STALE_ATTESTATION", "NOT_SEGREGATED");
	}

	// --- requests for information
	// -----------------------------------------------------------------------------------

	@Test
	void returnsToTheCompletenessCheckWhenTheIssuerAnswers() {
		submittedFrom("US");

		complete(task("checkCompleteness", instance), withVariables("complete", false));
		assertThat(instance).isWaitingAtExactly("awaitCompletenessAnswer");
		verify(rfiSteps).issued(applicationId);
		Assertions.assertThat(timer("completenessRfiLapsed").getDuedate())
			.isEqualTo(Date.from(SUBMITTED.plus(RFI_LAPSE)));

		answer();

		assertThat(instance).isWaitingAtExactly("checkCompleteness");
		Assertions.assertThat(timer("completenessRfiLapsed")).as("the lapse timer ends with the answer").isNull();
		Assertions.assertThat(calls).filteredOn(audited("checkCompleteness")::equals).hasSize(2);
		verify(caseSteps, never()).lapsed(anyString());
	}

	@Test
	void lapsesAtTheCompletenessCheckWhenTheIssuerDoesNotAnswerInThirtyDays() {
		submittedFrom("US");
		complete(task("checkCompleteness", instance), withVariables("complete", false));

		fireWhenDue("completenessRfiLapsed", RFI_LAPSE);

		assertThat(instance).isEnded()
			.hasPassed("completenessRfiLapsed", "lapseAtCompleteness", "lapsedAtCompleteness");
		verify(caseSteps).lapsed(applicationId);
		Assertions.assertThat(calls).contains("timerAudit:" + applicationId + ":completenessRfiLapsed");
	}

	@Test
	void returnsToTheBackingReviewWhenTheIssuerAnswers() {
		submittedFrom("US");
		complete(task("checkCompleteness", instance), withVariables("complete", true));

		complete(task("reviewBacking", instance), withVariables("backingOutcome", "RFI"));
		assertThat(instance).isWaitingAtExactly("awaitBackingAnswer", "requestHomeConfirmation");
		verify(rfiSteps).issued(applicationId);
		Assertions.assertThat(timer("backingRfiLapsed").getDuedate()).isEqualTo(Date.from(SUBMITTED.plus(RFI_LAPSE)));

		answer();

		assertThat(instance).isWaitingAtExactly("reviewBacking", "requestHomeConfirmation");
		Assertions.assertThat(timer("backingRfiLapsed")).as("the lapse timer ends with the answer").isNull();
		complete(task("reviewBacking", instance), withVariables("backingOutcome", "SATISFACTORY"));
		assertThat(instance).isWaitingAtExactly("requestHomeConfirmation", "reviewsDone");
	}

	@Test
	void lapsesInTheReviewWhenTheIssuerDoesNotAnswerInThirtyDaysEndingTheCooperationBranchToo() {
		submittedFrom("US");
		complete(task("checkCompleteness", instance), withVariables("complete", true));
		complete(task("requestHomeConfirmation", instance));
		complete(task("reviewBacking", instance), withVariables("backingOutcome", "RFI"));
		assertThat(instance).isWaitingAtExactly("awaitBackingAnswer", "recordHomeReply");

		fireWhenDue("backingRfiLapsed", RFI_LAPSE);

		assertThat(instance).isEnded().hasPassed("backingRfiLapsed", "lapseInReview", "lapsedInReview");
		verify(caseSteps).lapsed(applicationId);
		Assertions.assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
		Assertions.assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count())
			.as("the home reply timer went with the case")
			.isZero();
	}

	// --- the home regulator's reply
	// ---------------------------------------------------------------------------------

	@Test
	void escalatesAnUnansweredConfirmationRequestAfter45DaysAndKeepsWaitingForTheReply() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		complete(task("checkCompleteness", instance), withVariables("complete", true));
		complete(task("reviewBacking", instance), withVariables("backingOutcome", "SATISFACTORY"));
		complete(task("requestHomeConfirmation", instance));
		String replyTask = task("recordHomeReply", instance).getId();

		fireWhenDue("homeReplyOverdue", HOME_REPLY_TIMER);

		assertThat(instance).hasPassed("homeReplyOverdue", "escalateHomeReply", "escalated")
			.isWaitingAtExactly("recordHomeReply", "reviewsDone");
		Assertions.assertThat(task("recordHomeReply", instance).getId())
			.as("the same task, not a new one")
			.isEqualTo(replyTask);
		Assertions.assertThat(calls)
			.contains("homeReplyEscalation:" + applicationId, "timerAudit:" + applicationId + ":homeReplyOverdue");

		complete(task("recordHomeReply", instance), withVariables("cooperationOutcome", "CONFIRMED"));
		assertThat(instance).isWaitingAtExactly("decide");
	}

	// --- the four-eyes rule's hooks
	// ---------------------------------------------------------------------------------

	@Test
	void consultsTheFourEyesRuleOnClaimingAndOnCompletingTheDecision() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		throughToDecision("SATISFACTORY", "CONFIRMED");

		claim(task("decide", instance), "decision");
		complete(task("decide", instance), withVariables("decision", "APPROVE"));

		Assertions.assertThat(calls)
			.containsSubsequence("fourEyesRule:" + applicationId + ":assignment:decision",
					"fourEyesRule:" + applicationId + ":complete:decision");
		Assertions.assertThat(calls).filteredOn(call -> call.startsWith("fourEyesRule:")).hasSize(2);
	}

	@Test
	void keepsTheDecisionOpenWhenTheFourEyesRuleRefusesItsCompletion() {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		throughToDecision("SATISFACTORY", "CONFIRMED");
		doAnswer(call -> {
			DelegateTask task = call.getArgument(0);
			if (TaskListener.EVENTNAME_COMPLETE.equals(task.getEventName())) {
				throw new IllegalStateException("backing may not decide");
			}
			return null;
		}).when(fourEyesRule).notify(any());
		Task decision = task("decide", instance);
		claim(decision, "backing");

		Assertions.assertThatThrownBy(() -> complete(task("decide", instance), withVariables("decision", "APPROVE")))
			.hasRootCauseMessage("backing may not decide");

		assertThat(instance).isWaitingAtExactly("decide");
		Assertions.assertThat(task("decide", instance).getId()).isEqualTo(decision.getId());
		verify(decisionSteps, never()).approved(anyString());
	}

	// --- withdrawal
	// -------------------------------------------------------------------------------------------------

	/** Every state in which the case waits, and how to get there. */
	enum WaitState {

		COMPLETENESS_CHECK((test, instance) -> {
		}, "checkCompleteness"),

		COMPLETENESS_REQUEST_FOR_INFORMATION(
				(test, instance) -> complete(task("checkCompleteness", instance), withVariables("complete", false)),
				"awaitCompletenessAnswer"),

		REVIEW((test, instance) -> complete(task("checkCompleteness", instance), withVariables("complete", true)),
				"reviewBacking", "requestHomeConfirmation"),

		BACKING_REQUEST_FOR_INFORMATION((test, instance) -> {
			REVIEW.drive.accept(test, instance);
			complete(task("reviewBacking", instance), withVariables("backingOutcome", "RFI"));
		}, "awaitBackingAnswer", "requestHomeConfirmation"),

		HOME_REPLY((test, instance) -> {
			REVIEW.drive.accept(test, instance);
			complete(task("reviewBacking", instance), withVariables("backingOutcome", "SATISFACTORY"));
			complete(task("requestHomeConfirmation", instance));
		}, "recordHomeReply", "reviewsDone"),

		ESCALATED_HOME_REPLY((test, instance) -> {
			HOME_REPLY.drive.accept(test, instance);
			test.fireWhenDue("homeReplyOverdue", HOME_REPLY_TIMER);
		}, "recordHomeReply", "reviewsDone"),

		DECISION((test, instance) -> test.throughToDecision("SATISFACTORY", "CONFIRMED"), "decide");

		final BiConsumer<EquivalenceApplicationProcessTests, ProcessInstance> drive;

		final String[] waitingAt;

		WaitState(BiConsumer<EquivalenceApplicationProcessTests, ProcessInstance> drive, String... waitingAt) {
			this.drive = drive;
			this.waitingAt = waitingAt;
		}

	}

	@ParameterizedTest
	@EnumSource(WaitState.class)
	void closesTheCaseWhenTheIssuerWithdrawsWhileItWaits(WaitState state) {
		judge("CH", "EQUIVALENT");
		submittedFrom("CH");
		state.drive.accept(this, instance);
		assertThat(instance).isWaitingAtExactly(state.waitingAt);

		runtimeService().createMessageCorrelation("ApplicationWithdrawn")
			.processInstanceBusinessKey(reference)
			.correlateWithResult();

		assertThat(instance).isEnded().hasPassed("withdrawalRequested", "closeWithdrawn", "withdrawn");
		verify(caseSteps).withdrawn(applicationId);
		verify(caseSteps, never()).lapsed(anyString());
		Assertions.assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
		Assertions.assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count())
			.as("no timer outlives the case")
			.isZero();
	}

	@Test
	void ignoresAWithdrawalOfAnotherCase() {
		submittedFrom("US");

		Assertions
			.assertThatThrownBy(() -> runtimeService().createMessageCorrelation("ApplicationWithdrawn")
				.processInstanceBusinessKey("TBR-SOMEONE-ELSE")
				.correlate())
			.hasMessageContaining("ApplicationWithdrawn");

		assertThat(instance).isWaitingAtExactly("checkCompleteness");
		verify(caseSteps, never()).withdrawn(anyString());
	}

	// --- helpers
	// ----------------------------------------------------------------------------------------------------

	private void submittedFrom(String jurisdiction) {
		instance = runtimeService().startProcessInstanceByKey("equivalence-application", reference,
				Map.of("applicationId", applicationId, "jurisdiction", jurisdiction));
	}

	/**
	 * Completeness confirmed, the backing review and the home regulator's reply as given:
	 * the decision is due.
	 */
	void throughToDecision(String backingOutcome, String cooperationOutcome) {
		complete(task("checkCompleteness", instance), withVariables("complete", true));
		complete(task("reviewBacking", instance), withVariables("backingOutcome", backingOutcome));
		complete(task("requestHomeConfirmation", instance));
		complete(task("recordHomeReply", instance), withVariables("cooperationOutcome", cooperationOutcome));
		assertThat(instance).isWaitingAtExactly("decide");
	}

	private void decide(String decision) {
		claim(task("decide", instance), "decision");
		complete(task("decide", instance), withVariables("decision", decision));
	}

	/** The issuer's answer, as the process gateway sends it. */
	private void answer() {
		runtimeService().createMessageCorrelation("RfiAnswered").processInstanceBusinessKey(reference).correlate();
	}

	private Job timer(String activityId) {
		return managementService().createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(activityId)
			.timers()
			.singleResult();
	}

	/**
	 * Moves the clock to a second before the timer is due (nothing to run), then to its
	 * due time, and runs it.
	 */
	void fireWhenDue(String activityId, Duration after) {
		Job timer = timer(activityId);
		Date due = Date.from(ClockUtil.now().toInstant().plus(after));
		Assertions.assertThat(timer.getDuedate()).as(activityId + " due").isEqualTo(due);

		ClockUtil.setCurrentTime(Date.from(due.toInstant().minusSeconds(1)));
		Assertions
			.assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).executable().count())
			.as("nothing is due a second early")
			.isZero();

		ClockUtil.setCurrentTime(due);
		Assertions.assertThat(job(activityId, instance).getId()).isEqualTo(timer.getId());
		execute(job(activityId, instance));
	}

	/** The pre-screen's rows as recorded by the review step, for this case. */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> preScreened() {
		ArgumentCaptor<List<Map<String, Object>>> fired = ArgumentCaptor.forClass(List.class);
		verify(reviewSteps).preScreened(eq(applicationId), fired.capture());
		return fired.getValue();
	}

	/**
	 * The recommendation table's single result as recorded by the decision step, for this
	 * case.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> recommended() {
		ArgumentCaptor<Map<String, Object>> result = ArgumentCaptor.forClass(Map.class);
		verify(decisionSteps).recommended(eq(applicationId), result.capture());
		return result.getValue();
	}

	private String deadline(String taskKey) {
		return "taskDeadlines:" + applicationId + ":" + taskKey;
	}

	private String audited(String taskKey) {
		return "taskAudit:" + applicationId + ":" + taskKey;
	}

	/** A distinct due date per task, so a due date read from the wrong key shows. */
	private static Date dueDateOf(String taskKey) {
		List<String> keys = List.of("checkCompleteness", "requestHomeConfirmation", "reviewBacking", "recordHomeReply",
				"decide");
		int index = keys.indexOf(taskKey);
		Assertions.assertThat(index).as("a task key of the model: " + taskKey).isNotNegative();
		return Date.from(Instant.parse("2027-01-01T14:59:59Z").plus(Duration.ofDays(10L * (index + 1))));
	}

	/**
	 * Judges a jurisdiction as the start-up does from the jurisdiction data: the table
	 * {@link JurisdictionTable} renders from the shipped one, deployed as its newer
	 * version.
	 */
	private void judge(String jurisdiction, String status) {
		String table = JurisdictionTable.render(List.of(new Jurisdiction(jurisdiction, jurisdiction,
				EquivalenceStatus.valueOf(status), null, null, null, "admin", SUBMITTED)));
		extraDeployments.add(repositoryService().createDeployment()
			.name("jurisdictions judged for " + reference)
			.addString(JurisdictionTable.RESOURCE, table)
			.deploy()
			.getId());
	}

	private static EmbeddedPostgres startPostgres() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The throw-away PostgreSQL did not start", ex);
		}
	}

	/**
	 * A plain engine on the throw-away database: the schema created and dropped with it,
	 * no job executor.
	 */
	private static ProcessEngineConfiguration engineConfiguration() {
		StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
		configuration.setProcessEngineName("equivalence-application-process-tests");
		configuration.setJdbcDriver("org.postgresql.Driver");
		configuration.setJdbcUrl(POSTGRES.getJdbcUrl("postgres", "postgres"));
		configuration.setJdbcUsername("postgres");
		configuration.setJdbcPassword("");
		configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
		configuration.setJobExecutorActivate(false);
		configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
		configuration.setExpressionManager(new MockExpressionManager());
		ProcessCoverageConfigurator.initializeProcessCoverageExtensions(configuration);
		return configuration;
	}

}
