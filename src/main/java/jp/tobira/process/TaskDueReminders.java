package jp.tobira.process;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.Applications;
import jp.tobira.notification.Notifications;

/**
 * Tells each reviewer, once a day, of their tasks due the next day (Tokyo's calendar).
 * Every node runs the job; the outbox writes one message per task, assignee and due day
 * whichever node comes first ({@code Notifications.taskDueTomorrow}). A task nobody holds
 * tells nobody: its group sees it on the list, ordered by due day.
 */
@Component
public class TaskDueReminders {

	private final TaskService tasks;

	private final Applications applications;

	private final Notifications notifications;

	private final Clock clock;

	private final TransactionTemplate transaction;

	TaskDueReminders(TaskService tasks, Applications applications, Notifications notifications, Clock clock,
			PlatformTransactionManager transactions) {
		this.tasks = tasks;
		this.applications = applications;
		this.notifications = notifications;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Scheduled(cron = "${tobira.notifications.due-reminders:0 0 8 * * *}", zone = "Asia/Tokyo")
	public void remindOfTomorrow() {
		remindOfTasksDueOn(LocalDate.now(clock.withZone(EngineClock.TOKYO)).plusDays(1));
	}

	/**
	 * Writes a reminder for each held task due on the day.
	 * @return how many tasks are due that day with someone holding them
	 */
	public int remindOfTasksDueOn(LocalDate day) {
		Date from = Date.from(day.atStartOfDay(EngineClock.TOKYO).toInstant().minusMillis(1));
		Date to = Date.from(day.plusDays(1).atStartOfDay(EngineClock.TOKYO).toInstant());
		return transaction.execute(status -> {
			int held = 0;
			for (Task task : tasks.createTaskQuery().dueAfter(from).dueBefore(to).list()) {
				if (task.getAssignee() == null) {
					continue;
				}
				Object applicationId = tasks.getVariable(task.getId(), ApplicationProcess.Variables.APPLICATION_ID);
				var application = applications.findById(ApplicationId.of(String.valueOf(applicationId)));
				if (application.isEmpty()) {
					continue;
				}
				notifications.taskDueTomorrow(task.getAssignee(), task.getId(), task.getTaskDefinitionKey(),
						application.get().reference().value(), day);
				held++;
			}
			return held;
		});
	}

}
