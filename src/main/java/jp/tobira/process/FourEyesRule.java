package jp.tobira.process;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

import jp.tobira.review.FourEyesViolation;

/**
 * The four-eyes rule, enforced by the engine on the decision task ({@code ${fourEyesRule}} on its assignment and
 * completion): whoever completed an earlier task of the case can neither take nor complete the decision. The
 * exception rolls the whole completion back, whatever door it came through (API, screen, Cockpit).
 */
@Component("fourEyesRule")
class FourEyesRule implements TaskListener {

	private final HistoryService history;

	FourEyesRule(HistoryService history) {
		this.history = history;
	}

	@Override
	public void notify(DelegateTask task) {
		String user = task.getAssignee();
		if (user == null) {
			return;
		}
		List<String> earlier = history.createHistoricTaskInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.taskAssignee(user)
			.finished()
			.list()
			.stream()
			.filter(done -> !done.getId().equals(task.getId()))
			.filter(done -> done.getDeleteReason() == null || "completed".equals(done.getDeleteReason()))
			.map(HistoricTaskInstance::getTaskDefinitionKey)
			.distinct()
			.toList();
		if (!earlier.isEmpty()) {
			throw new FourEyesViolation(user, task.getExecution().getProcessBusinessKey(), earlier);
		}
	}
}
