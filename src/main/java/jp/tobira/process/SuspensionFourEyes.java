package jp.tobira.process;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.ReportAssessment;

/**
 * Four eyes on a suspension ({@code ${suspensionFourEyes}} on {@code decideSuspension}'s
 * assignment and completion): whoever proposed it, by completing the assessment that led
 * to it, can neither take nor complete the decision. Only the proposer is barred: a token
 * is supervised for years, and a decision-maker who worked an earlier month's task is no
 * party to this proposal. The person and the proposer are found as {@link FourEyesRule}
 * finds them, so leaving a task unclaimed is no way around it.
 */
@Component("suspensionFourEyes")
class SuspensionFourEyes implements TaskListener {

	private final HistoryService history;

	SuspensionFourEyes(HistoryService history) {
		this.history = history;
	}

	@Override
	public void notify(DelegateTask task) {
		String user = person(task);
		if (user != null && user.equals(proposerOf(task.getProcessInstanceId(), task.getCreateTime()).orElse(null))) {
			throw new FourEyesViolation(user, task.getExecution().getProcessBusinessKey(),
					List.of(ReportAssessment.KEY));
		}
	}

	/**
	 * Who completed the last assessment before the decision task was created, if anyone:
	 * its assignee, or the user the engine logged completing it unclaimed.
	 */
	Optional<String> proposerOf(String processInstanceId, java.util.Date decisionCreated) {
		return history.createHistoricTaskInstanceQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(ReportAssessment.KEY)
			.finished()
			.list()
			.stream()
			.filter(done -> done.getDeleteReason() == null || "completed".equals(done.getDeleteReason()))
			.filter(done -> decisionCreated == null || !done.getEndTime().after(decisionCreated))
			.max(Comparator.comparing(HistoricTaskInstance::getEndTime))
			.map(this::completer);
	}

	private String completer(HistoricTaskInstance done) {
		if (done.getAssignee() != null) {
			return done.getAssignee();
		}
		return history.createUserOperationLogQuery()
			.taskId(done.getId())
			.operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
			.list()
			.stream()
			.map(UserOperationLogEntry::getUserId)
			.filter(id -> id != null)
			.findFirst()
			.orElse(null);
	}

	private static String person(DelegateTask task) {
		if (task.getAssignee() != null) {
			return task.getAssignee();
		}
		Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return authentication == null ? null : authentication.getUserId();
	}

}
