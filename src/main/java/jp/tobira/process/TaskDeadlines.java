package jp.tobira.process;

import java.time.LocalTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.Applications;
import jp.tobira.application.CaseClock;
import jp.tobira.review.TaskDefinitions;

/**
 * Every user task's due date, derived from the statutory clock
 * ({@code ${taskDeadlines.due(execution)}}): the end of the business day on which the
 * task's day of the period falls, in Tokyo. The task is the activity the execution is
 * entering, so the model names no task key twice.
 */
@Component("taskDeadlines")
public class TaskDeadlines {

	private final Applications applications;

	private final CaseClock caseClock;

	private final TaskDefinitions definitions;

	TaskDeadlines(Applications applications, CaseClock caseClock, TaskDefinitions definitions) {
		this.applications = applications;
		this.caseClock = caseClock;
		this.definitions = definitions;
	}

	public Date due(DelegateExecution execution) {
		String taskKey = execution.getCurrentActivityId();
		Application application = applications
			.findById(ProcessGateway.idOf((String) execution.getVariable(ApplicationProcess.Variables.APPLICATION_ID)))
			.orElseThrow();
		return caseClock.dueDate(application, taskKey, definitions.of(taskKey).dueDay())
			.map(day -> Date.from(day.atTime(LocalTime.of(23, 59, 59)).atZone(caseClock.zone()).toInstant()))
			.orElse(null);
	}

}
