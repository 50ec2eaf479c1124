package jp.tobira.process;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import jp.tobira.application.CaseProgress;
import jp.tobira.review.HomeRegulatorReply;
import jp.tobira.security.Group;

/**
 * The home regulator has not replied in time: the waiting task is opened to the decision
 * group as well, and the case is flagged as escalated on every list. A delegate because
 * it needs the execution to find the waiting task.
 */
@Component("homeReplyEscalation")
class HomeReplyEscalation implements JavaDelegate {

	private final TaskService tasks;

	private final CaseProgress progress;

	HomeReplyEscalation(TaskService tasks, CaseProgress progress) {
		this.tasks = tasks;
		this.progress = progress;
	}

	@Override
	public void execute(DelegateExecution execution) {
		for (Task waiting : tasks.createTaskQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.taskDefinitionKey(HomeRegulatorReply.KEY)
			.list()) {
			tasks.addCandidateGroup(waiting.getId(), Group.DECISION.id());
		}
		progress.escalated(
				ProcessGateway.idOf((String) execution.getVariable(ApplicationProcess.Variables.APPLICATION_ID)),
				"no reply from the home regulator in time: the reply task is open to the decision group");
	}

}
