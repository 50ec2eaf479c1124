package jp.tobira.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

import jp.tobira.security.Group;

/**
 * The process model and the task definitions describe the same tasks: each user task of
 * the model has a definition with its id as key and its candidate group, takes its due
 * date from the definition, and no definition is left without a task. Nothing else in the
 * code spells a task's key.
 */
class TaskDefinitionsTests {

	private final TaskDefinitions definitions = new TaskDefinitions(List.of(new CompletenessCheck(null, null, null),
			new BackingReview(null, null, null, null), new HomeConfirmationRequest(null, null, null),
			new HomeRegulatorReply(null, null), new DecisionTask(null, null, null),
			new FollowUpMissingReport(null, null), new ReportAssessment(null, null), new SuspensionDecision(null, null),
			new ReinstatementDecision(null, null)));

	static final String APPLICATION = "/bpmn/equivalence-application.bpmn";

	static final String SUPERVISION = "/bpmn/token-supervision.bpmn";

	@Test
	void everyUserTaskOfTheModelsIsADefinitionWithItsCandidateGroup() {
		Map<String, UserTask> tasks = new java.util.HashMap<>(userTasks(APPLICATION));
		tasks.putAll(userTasks(SUPERVISION));
		assertThat(tasks.keySet())
			.containsExactlyInAnyOrderElementsOf(definitions.all().stream().map(TaskDefinition::key).toList());
		definitions.all()
			.forEach(definition -> assertThat(tasks.get(definition.key()).getCamundaCandidateGroups())
				.as(definition.key())
				.isEqualTo(definition.group().id()));
	}

	@Test
	void everyUserTaskTakesItsDueDateFromTheStatutoryClockWithoutNamingItsKey() {
		userTasks(APPLICATION).values()
			.forEach(task -> assertThat(task.getCamundaDueDate()).as(task.getId())
				.isEqualTo("${taskDeadlines.due(execution)}"));
		userTasks(APPLICATION).keySet()
			.forEach(key -> assertThat(definitions.of(key).afterRecognition()).as(key).isFalse());
	}

	@Test
	void everySupervisionTaskIsDueInBusinessDaysFromItsCreationWithoutNamingItsKey() {
		userTasks(SUPERVISION).values()
			.forEach(task -> assertThat(task.getCamundaDueDate()).as(task.getId())
				.isEqualTo("${supervisionDeadlines.due(execution)}"));
		userTasks(SUPERVISION).keySet()
			.forEach(key -> assertThat(definitions.of(key).afterRecognition()).as(key).isTrue());
	}

	@Test
	void aSuspensionIsDecidedByTheDecisionGroupNeverByItsProposer() {
		UserTask decideSuspension = userTasks(SUPERVISION).get(SuspensionDecision.KEY);
		assertThat(decideSuspension.getCamundaCandidateGroups()).isEqualTo(Group.DECISION.id());
		assertThat(decideSuspension.getExtensionElements()
			.getElementsQuery()
			.filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class)
			.list()
			.stream()
			.filter(listener -> "${suspensionFourEyes}".equals(listener.getCamundaDelegateExpression()))
			.map(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener::getCamundaEvent))
			.containsExactlyInAnyOrder("assignment", "complete");
		assertThat(definitions.of(ReportAssessment.KEY).outcomes()).containsExactly("NO_ACTION", "PROPOSE_SUSPENSION");
		assertThat(definitions.of(SuspensionDecision.KEY).outcomes()).containsExactly("SUSPEND", "REVOKE", "NO_ACTION");
	}

	@Test
	void listsTheTasksInTheOrderOfTheStatutoryPeriod() {
		assertThat(definitions.all()).extracting(TaskDefinition::key)
			.containsExactly(CompletenessCheck.KEY, HomeConfirmationRequest.KEY, BackingReview.KEY,
					HomeRegulatorReply.KEY, DecisionTask.KEY, FollowUpMissingReport.KEY, ReportAssessment.KEY,
					SuspensionDecision.KEY, ReinstatementDecision.KEY);
		assertThat(definitions.all()).extracting(TaskDefinition::dueDay)
			.containsExactly(10, 15, 40, 45, 60, 5, 10, 10, 10);
	}

	@Test
	void theBackingReviewMayNotOverruleTheJurisdictionsFlags() {
		assertThat(definitions.of(BackingReview.KEY).notOverrulable()).extracting(Enum::name)
			.containsExactlyInAnyOrder("NOT_EQUIVALENT", "UNDER_ASSESSMENT");
		assertThat(definitions.of(BackingReview.KEY).group()).isEqualTo(Group.BACKING_REVIEW);
	}

	@Test
	void eachTaskHasItsOwnFormFragment() {
		definitions.all()
			.forEach(definition -> assertThat(getClass().getResource("/templates/" + definition.fragment() + ".html"))
				.as(definition.fragment())
				.isNotNull());
	}

	private static Map<String, UserTask> userTasks(String resource) {
		try (InputStream in = TaskDefinitionsTests.class.getResourceAsStream(resource)) {
			BpmnModelInstance model = Bpmn.readModelFromStream(in);
			Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
			return tasks.stream().collect(Collectors.toMap(UserTask::getId, Function.identity()));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
