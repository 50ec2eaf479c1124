package jp.tobira.process;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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

import jp.tobira.application.BusinessCalendar;
import jp.tobira.review.FollowUpMissingReport;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.ReinstatementDecision;
import jp.tobira.review.ReportAssessment;
import jp.tobira.review.SuspensionDecision;
import jp.tobira.supervision.ReportingCalendar;

/**
 * {@code bpmn/token-supervision.bpmn} on a process engine of its own, as
 * {@link EquivalenceApplicationProcessTests} runs the application's: no Spring, no job
 * executor, a throw-away PostgreSQL. The steps and the audit listeners are mocks; the
 * calendar the timers read is the real one ({@link SupervisionCalendar} on a
 * {@link ReportingCalendar} with a holiday), and so is the four-eyes rule on a
 * suspension, which reads only the engine's history. Timers fire by moving the engine's
 * clock and executing the due job. The class fails unless the tests together pass every
 * flow node and sequence flow of the model; run the class, not one method.
 */
@Deployment(resources = TokenSupervisionProcessTests.PROCESS)
class TokenSupervisionProcessTests {

	static final String PROCESS = "bpmn/token-supervision.bpmn";

	static final EmbeddedPostgres POSTGRES = startPostgres();

	@RegisterExtension
	@Order(1)
	static final AfterAllCallback STOP_ENGINE_AND_POSTGRES = context -> {
		try {
			BpmnAwareTests.reset();
			TokenSupervisionProcessTests.ENGINE.getProcessEngine().close();
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

	/** Recognised on Monday 30 November 2026, 10:00 in Tokyo. */
	static final Instant RECOGNISED = Instant.parse("2026-11-30T01:00:00Z");

	/** November's report: due by Monday 14 December (business day 10 of December). */
	static final String NOVEMBER = "2026-11";

	static final String DECEMBER = "2026-12";

	/** The end of 14 December in Tokyo: November's report is late from then. */
	static final Instant NOVEMBER_DUE_OVER = Instant.parse("2026-12-14T15:00:00Z");

	/** The end of 21 December in Tokyo, five business days later: the follow-up. */
	static final Instant NOVEMBER_GRACE_OVER = Instant.parse("2026-12-21T15:00:00Z");

	/**
	 * The end of 18 January 2027 in Tokyo: December's report is due on business day 10 of
	 * January, after the year-end closure and Coming of Age Day (11 January).
	 */
	static final Instant DECEMBER_DUE_OVER = Instant.parse("2027-01-18T15:00:00Z");

	static final Date TASK_DUE = Date.from(Instant.parse("2026-12-31T14:59:59Z"));

	final String applicationId = UUID.randomUUID().toString();

	final String reference = "TBR-TEST-" + applicationId.substring(0, 8);

	final SupervisionSteps supervisionSteps = mock(SupervisionSteps.class);

	final SupervisionDeadlines supervisionDeadlines = mock(SupervisionDeadlines.class);

	final TaskListener taskAudit = mock(TaskListener.class);

	final ExecutionListener timerAudit = mock(ExecutionListener.class);

	final List<String> calls = new CopyOnWriteArrayList<>();

	ProcessInstance instance;

	@BeforeEach
	void mockTheStepsAndUseTheRealCalendar() throws Exception {
		BpmnAwareTests.init(ENGINE.getProcessEngine());
		ClockUtil.setCurrentTime(Date.from(RECOGNISED));
		BusinessCalendar calendar = BusinessCalendar.of(Set.of(LocalDate.of(2027, 1, 11), LocalDate.of(2026, 11, 23)));
		when(supervisionDeadlines.due(any(DelegateExecution.class))).thenReturn(TASK_DUE);
		doAnswer(call -> {
			DelegateTask task = call.getArgument(0);
			calls.add("taskAudit:" + task.getTaskDefinitionKey());
			return null;
		}).when(taskAudit).notify(any());
		doAnswer(call -> {
			DelegateExecution execution = call.getArgument(0);
			calls.add("timerAudit:" + execution.getCurrentActivityId());
			return null;
		}).when(timerAudit).notify(any());
		Mocks.register("supervisionSteps", supervisionSteps);
		Mocks.register("supervisionDeadlines", supervisionDeadlines);
		Mocks.register("taskAudit", taskAudit);
		Mocks.register("timerAudit", timerAudit);
		Mocks.register("supervisionCalendar", new SupervisionCalendar(new ReportingCalendar(10, 5, () -> calendar)));
		Mocks.register("suspensionFourEyes", new SuspensionFourEyes(ENGINE.getProcessEngine().getHistoryService()));
	}

	@AfterEach
	void forgetTheMocksAndTheClock() {
		Mocks.reset();
		ClockUtil.reset();
	}

	// --- the month's watch
	// ------------------------------------------------------------------------------------

	@Test
	void aReportFiledOnTimeOpensNoTaskAndTheWatchMovesToTheNextMonth() {
		recognised();
		assertThat(instance).isWaitingAtExactly("reportDue");
		Assertions.assertThat(timer("reportDue").getDuedate()).isEqualTo(Date.from(NOVEMBER_DUE_OVER));

		at("2026-12-10T02:00:00Z");
		file(NOVEMBER, 1, false);
		assertThat(instance).variables().containsEntry("lastFiledPeriod", NOVEMBER);
		Assertions.assertThat(taskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();

		fire("reportDue", NOVEMBER_DUE_OVER);

		assertThat(instance).hasPassed("filedByDue", "monthWatched", "advanceMonth")
			.hasNotPassed("markOverdue")
			.isWaitingAtExactly("reportDue");
		assertThat(instance).variables().containsEntry("period", DECEMBER);
		Assertions.assertThat(timer("reportDue").getDuedate())
			.as("December's report is due on the tenth business day of January, the holiday counted")
			.isEqualTo(Date.from(DECEMBER_DUE_OVER));
		verify(supervisionSteps, never()).overdue(anyString(), anyString());
		Assertions.assertThat(calls).containsExactly("timerAudit:reportDue");
	}

	@Test
	void aMissingReportIsOverdueOnTheDayAfterItsDueDayAndFollowedUpAfterTheGrace() {
		recognised();
		fire("reportDue", NOVEMBER_DUE_OVER);

		verify(supervisionSteps).overdue(applicationId, NOVEMBER);
		assertThat(instance).isWaitingAtExactly("graceEnds");
		Assertions.assertThat(timer("graceEnds").getDuedate()).isEqualTo(Date.from(NOVEMBER_GRACE_OVER));

		fire("graceEnds", NOVEMBER_GRACE_OVER);

		assertThat(instance).isWaitingAtExactly("followUpMissingReport", "reportDue");
		assertThat(task(FollowUpMissingReport.KEY, instance)).hasCandidateGroup("supervision").hasDueDate(TASK_DUE);
		assertThat(instance).variables().containsEntry("period", DECEMBER);
		Assertions.assertThat(calls)
			.containsExactly("timerAudit:reportDue", "timerAudit:graceEnds", "taskAudit:followUpMissingReport");

		complete(task(FollowUpMissingReport.KEY, instance));
		assertThat(instance).hasPassed("followedUp").isWaitingAtExactly("reportDue");
	}

	@Test
	void aReportFiledInTheGraceOpensNoFollowUp() {
		recognised();
		fire("reportDue", NOVEMBER_DUE_OVER);
		at("2026-12-16T02:00:00Z");
		file(NOVEMBER, 1, false);

		fire("graceEnds", NOVEMBER_GRACE_OVER);

		assertThat(instance).hasPassed("filedInGrace", "advanceMonth")
			.hasNotPassed("followUpMissingReport")
			.isWaitingAtExactly("reportDue");
	}

	// --- flagged reports, suspension, reinstatement
	// ------------------------------------------------------------------------------------

	@Test
	void aFlaggedReportIsAssessedAndMayNeedNoAction() {
		recognised();
		file(NOVEMBER, 1, true);

		assertThat(instance).isWaitingAtExactly("reportFiled", "assessReport", "reportDue");
		assertThat(task(ReportAssessment.KEY, instance)).hasCandidateGroup("supervision").hasDueDate(TASK_DUE);

		completeAs("anna", ReportAssessment.KEY, ReportAssessment.NO_ACTION);

		assertThat(instance).hasPassed("noAction").hasNotPassed("decideSuspension").isWaitingAtExactly("reportDue");
		verify(supervisionSteps, never()).suspended(anyString());
	}

	@Test
	void aProposalIsDecidedByAnotherThanItsProposerThenACleanReportLeadsToReinstatement() {
		recognised();
		file(NOVEMBER, 1, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);
		assertThat(instance).isWaitingAtExactly("reportFiled", "decideSuspension", "reportDue");
		Task decision = task(SuspensionDecision.KEY, instance);
		assertThat(decision).hasCandidateGroup("decision").hasDueDate(TASK_DUE);

		Assertions.assertThatThrownBy(() -> taskService().setAssignee(decision.getId(), "anna"))
			.as("four eyes: the proposer may not take the decision")
			.hasRootCauseInstanceOf(FourEyesViolation.class);
		Assertions.assertThat(task(SuspensionDecision.KEY, instance).getAssignee()).isNull();

		completeAs("bert", SuspensionDecision.KEY, SuspensionDecision.SUSPEND);
		verify(supervisionSteps).suspended(applicationId);
		assertThat(instance).hasPassed("suspensionRecorded").isWaitingAtExactly("reportDue");
		assertThat(instance).variables().containsEntry("suspended", true);

		at("2026-12-10T02:00:00Z");
		file(NOVEMBER, 2, false);
		assertThat(instance).isWaitingAtExactly("reportFiled", "decideReinstatement", "reportDue");
		assertThat(task(ReinstatementDecision.KEY, instance)).hasCandidateGroup("decision");

		completeAs("bert", ReinstatementDecision.KEY, true);

		verify(supervisionSteps).reinstated(applicationId);
		verify(supervisionSteps, never()).revoked(anyString());
		assertThat(instance).hasPassed("reinstated").isWaitingAtExactly("reportDue");
		assertThat(instance).variables().containsEntry("suspended", false);
	}

	@Test
	void theProposerMayNotCompleteTheDecisionUnclaimedEither() {
		recognised();
		file(NOVEMBER, 1, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);
		String decision = task(SuspensionDecision.KEY, instance).getId();

		ENGINE.getProcessEngine().getIdentityService().setAuthenticatedUserId("anna");
		try {
			Assertions
				.assertThatThrownBy(() -> taskService().complete(decision,
						ApplicationProcess.Variables.outcomeOf(SuspensionDecision.KEY, SuspensionDecision.SUSPEND)))
				.hasRootCauseInstanceOf(FourEyesViolation.class);
		}
		finally {
			ENGINE.getProcessEngine().getIdentityService().clearAuthentication();
		}
		assertThat(instance).isWaitingAtExactly("reportFiled", "decideSuspension", "reportDue");
		verify(supervisionSteps, never()).suspended(anyString());
	}

	@Test
	void aDecisionMayLeaveTheTokenAsItIs() {
		recognised();
		file(NOVEMBER, 1, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);
		completeAs("bert", SuspensionDecision.KEY, SuspensionDecision.NO_ACTION);

		assertThat(instance).hasPassed("notSuspended").isWaitingAtExactly("reportDue");
		verify(supervisionSteps, never()).suspended(anyString());
	}

	@Test
	void aSecondSuspensionOfASuspendedTokenChangesNothing() {
		recognised();
		file(NOVEMBER, 1, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);
		completeAs("bert", SuspensionDecision.KEY, SuspensionDecision.SUSPEND);
		file(NOVEMBER, 2, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);
		completeAs("bert", SuspensionDecision.KEY, SuspensionDecision.SUSPEND);

		assertThat(instance).hasPassed("alreadySuspended").isWaitingAtExactly("reportDue");
		verify(supervisionSteps).suspended(applicationId);
	}

	// --- the end of supervision
	// ------------------------------------------------------------------------------------

	@Test
	void aRevocationOnTheProposalEndsSupervision() {
		recognised();
		file(NOVEMBER, 1, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);

		completeAs("bert", SuspensionDecision.KEY, SuspensionDecision.REVOKE);

		verify(supervisionSteps).revoked(applicationId);
		assertThat(instance).hasPassed("revocationOnSuspension", "revokeRecognition", "revoked").isEnded();
		Assertions.assertThat(managementService().createJobQuery().processInstanceId(instance.getId()).count())
			.as("no month is watched any more")
			.isZero();
	}

	@Test
	void aRefusedReinstatementRevokes() {
		recognised();
		file(NOVEMBER, 1, true);
		completeAs("anna", ReportAssessment.KEY, ReportAssessment.PROPOSE_SUSPENSION);
		completeAs("bert", SuspensionDecision.KEY, SuspensionDecision.SUSPEND);
		file(DECEMBER, 1, false);

		completeAs("bert", ReinstatementDecision.KEY, false);

		verify(supervisionSteps).revoked(applicationId);
		verify(supervisionSteps, never()).reinstated(anyString());
		assertThat(instance).hasPassed("revocationOnReinstatement", "revokeRecognition", "revoked").isEnded();
	}

	@Test
	void aSurrenderEndsSupervisionWhateverIsOpen() {
		recognised();
		file(NOVEMBER, 1, true);
		assertThat(instance).isWaitingAtExactly("reportFiled", "assessReport", "reportDue");

		runtimeService().createMessageCorrelation(TokenSupervision.SURRENDERED)
			.processInstanceBusinessKey(reference)
			.correlate();

		assertThat(instance).hasPassed("surrenderedStart", "supervisionEnded").isEnded();
		Assertions
			.assertThat(historyService().createHistoricTaskInstanceQuery()
				.processInstanceId(instance.getId())
				.taskDefinitionKey(ReportAssessment.KEY)
				.singleResult()
				.getDeleteReason())
			.isNotEqualTo("completed");
		verify(supervisionSteps, never()).revoked(anyString());
	}

	// --- a second report for one month
	// ------------------------------------------------------------------------------------

	@Test
	void aSecondVersionIsTheMonthsReportAndIsJudgedOnItsOwnFlags() {
		recognised();
		at("2026-12-01T02:00:00Z");
		file(NOVEMBER, 1, true);
		assertThat(instance).isWaitingAtExactly("reportFiled", "assessReport", "reportDue");

		at("2026-12-03T02:00:00Z");
		file(NOVEMBER, 2, false);

		assertThat(instance).as("the clean version opens nothing; the first version's assessment stays open")
			.isWaitingAtExactly("reportFiled", "assessReport", "reportDue");
		assertThat(instance).variables().containsEntry("lastFiledPeriod", NOVEMBER);

		file(NOVEMBER, 3, true);
		Assertions
			.assertThat(taskService().createTaskQuery()
				.processInstanceId(instance.getId())
				.taskDefinitionKey(ReportAssessment.KEY)
				.list())
			.as("a flagged later version is assessed too")
			.hasSize(2);

		fire("reportDue", NOVEMBER_DUE_OVER);
		assertThat(instance).hasNotPassed("markOverdue");
	}

	@Test
	void aLateVersionOfAnEarlierMonthDoesNotUnfileALaterOne() {
		recognised();
		file(DECEMBER, 1, false);
		file(NOVEMBER, 2, false);

		assertThat(instance).variables().containsEntry("lastFiledPeriod", DECEMBER);
	}

	// --- helpers
	// ------------------------------------------------------------------------------------

	/**
	 * What {@code ProcessGateway.startSupervision} does: November is the first month
	 * watched. (The deployment is made after {@code @BeforeEach}, so each test starts.)
	 */
	private void recognised() {
		instance = runtimeService().startProcessInstanceByKey(TokenSupervision.KEY, reference,
				Map.of("applicationId", applicationId, "period", NOVEMBER, "lastFiledPeriod", "", "suspended", false));
	}

	/** What {@code ProcessGateway} does for {@code ReserveReportFiled}. */
	private void file(String period, int version, boolean flagged) {
		runtimeService().createMessageCorrelation(TokenSupervision.REPORT_FILED)
			.processInstanceBusinessKey(reference)
			.setVariableLocal("reportPeriod", period)
			.setVariableLocal("reportVersion", version)
			.setVariableLocal("reportFlagged", flagged)
			.setVariableLocal("reportId", UUID.randomUUID().toString())
			.correlate();
		Assertions.assertThat(YearMonth.parse(period)).isNotNull();
	}

	/** Claims the task as the user, then completes it as the task doors do. */
	private void completeAs(String user, String taskKey, Object outcome) {
		List<Task> open = taskService().createTaskQuery()
			.processInstanceId(instance.getId())
			.taskDefinitionKey(taskKey)
			.orderByTaskCreateTime()
			.asc()
			.list();
		Task task = open.get(open.size() - 1);
		taskService().setAssignee(task.getId(), user);
		complete(task, ApplicationProcess.Variables.outcomeOf(taskKey, outcome));
	}

	private Job timer(String activityId) {
		return managementService().createJobQuery()
			.processInstanceId(instance.getId())
			.activityId(activityId)
			.timers()
			.singleResult();
	}

	/** Moves the clock to the timer's moment and fires it. */
	private void fire(String activityId, Instant at) {
		Job job = timer(activityId);
		Assertions.assertThat(job).as(activityId).isNotNull();
		Assertions.assertThat(job.getDuedate()).isEqualTo(Date.from(at));
		ClockUtil.setCurrentTime(Date.from(at));
		execute(job);
	}

	private static void at(String instant) {
		ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
	}

	private static EmbeddedPostgres startPostgres() {
		try {
			return EmbeddedPostgres.builder().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The throw-away PostgreSQL did not start", ex);
		}
	}

	private static ProcessEngineConfiguration engineConfiguration() {
		StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
		configuration.setProcessEngineName("token-supervision-process-tests");
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
