package jp.tobira.process;

import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import jp.tobira.review.FourEyesViolation;

/**
 * The four-eyes rule, enforced by the engine on the decision task
 * ({@code ${fourEyesRule}} on its assignment and completion): whoever completed an
 * earlier task of the case can neither take nor complete the decision. The exception
 * rolls the whole completion back, whatever door it came through (API, screen, Cockpit).
 *
 * <p>
 * The person is the task's assignee or, when the task is completed without one (Cockpit,
 * the REST API or {@code TaskService} called directly), the user the engine has
 * authenticated: otherwise leaving the task unclaimed would be a way around the rule.
 * Earlier work counts whether it was claimed (the assignee of a completed task) or
 * completed unclaimed by an authenticated user (the engine's operation log).
 */
@Component("fourEyesRule")
class FourEyesRule implements TaskListener {

	private final HistoryService history;

	FourEyesRule(HistoryService history) {
		this.history = history;
	}

	@Override
	public void notify(DelegateTask task) {
		String user = person(task);
		if (user == null) {
			return;
		}
		List<String> earlier = earlierTasksOf(user, task.getProcessInstanceId(), task.getId());
		if (!earlier.isEmpty()) {
			throw new FourEyesViolation(user, task.getExecution().getProcessBusinessKey(), earlier);
		}
	}

	/**
	 * The keys of the tasks of the case that the user completed before the decision task:
	 * if any, they may not decide it. The task screen asks this too, to say so before the
	 * reviewer fills in the form.
	 */
	List<String> earlierTasksOf(String user, String processInstanceId, String decisionTaskId) {
		return Stream
			.concat(completedAsAssignee(processInstanceId, decisionTaskId, user),
					completedUnclaimed(processInstanceId, decisionTaskId, user))
			.distinct()
			.toList();
	}

	private static String person(DelegateTask task) {
		if (task.getAssignee() != null) {
			return task.getAssignee();
		}
		Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return authentication == null ? null : authentication.getUserId();
	}

	private Stream<String> completedAsAssignee(String processInstanceId, String decisionTaskId, String user) {
		return history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.taskAssignee(user)
			.finished()
			.list()
			.stream()
			.filter(done -> !done.getId().equals(decisionTaskId))
			.filter(done -> done.getDeleteReason() == null || "completed".equals(done.getDeleteReason()))
			.map(HistoricTaskInstance::getTaskDefinitionKey);
	}

	private Stream<String> completedUnclaimed(String processInstanceId, String decisionTaskId, String user) {
		return history.createUserOperationLogQuery()
			.processInstanceId(processInstanceId)
			.userId(user)
			.operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
			.list()
			.stream()
			.map(UserOperationLogEntry::getTaskId)
			.filter(id -> id != null && !id.equals(decisionTaskId))
			.distinct()
			.map(id -> history.createHistoricTaskInstanceQuery().taskId(id).singleResult())
			.filter(done -> done != null)
			.map(HistoricTaskInstance::getTaskDefinitionKey);
	}

}
