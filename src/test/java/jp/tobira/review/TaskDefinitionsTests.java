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
			new HomeRegulatorReply(null, null), new DecisionTask(null, null, null)));

	@Test
	void everyUserTaskOfTheModelIsADefinitionWithItsCandidateGroup() {
		Map<String, UserTask> tasks = userTasks();
		assertThat(tasks.keySet())
			.containsExactlyInAnyOrderElementsOf(definitions.all().stream().map(TaskDefinition::key).toList());
		definitions.all()
			.forEach(definition -> assertThat(tasks.get(definition.key()).getCamundaCandidateGroups())
				.as(definition.key())
				.isEqualTo(definition.group().id()));
	}

	@Test
	void everyUserTaskTakesItsDueDateFromTheStatutoryClockWithoutNamingItsKey() {
		userTasks().values()
			.forEach(task -> assertThat(task.getCamundaDueDate()).as(task.getId())
				.isEqualTo("${taskDeadlines.due(execution)}"));
	}

	@Test
	void listsTheTasksInTheOrderOfTheStatutoryPeriod() {
		assertThat(definitions.all()).extracting(TaskDefinition::key)
			.containsExactly(CompletenessCheck.KEY, HomeConfirmationRequest.KEY, BackingReview.KEY,
					HomeRegulatorReply.KEY, DecisionTask.KEY);
		assertThat(definitions.all()).extracting(TaskDefinition::dueDay).containsExactly(10, 15, 40, 45, 60);
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

	private static Map<String, UserTask> userTasks() {
		try (InputStream in = TaskDefinitionsTests.class.getResourceAsStream("/bpmn/equivalence-application.bpmn")) {
			BpmnModelInstance model = Bpmn.readModelFromStream(in);
			Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
			return tasks.stream().collect(Collectors.toMap(UserTask::getId, Function.identity()));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
