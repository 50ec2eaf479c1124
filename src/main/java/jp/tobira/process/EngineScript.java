package jp.tobira.process;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.Applications;

/**
 * What a script that plays cases through the process (the demo data) may ask of the
 * engine: move its clock, find a case's open task by key and fire a case's timer once it
 * is due. The script itself knows no engine.
 */
@Component
public class EngineScript {

	private final TaskService tasks;

	private final ManagementService management;

	private final RuntimeService runtime;

	private final Applications applications;

	EngineScript(TaskService tasks, ManagementService management, RuntimeService runtime, Applications applications) {
		this.tasks = tasks;
		this.management = management;
		this.runtime = runtime;
		this.applications = applications;
	}

	/**
	 * The engine's time, which every part of the application reads (see
	 * {@link EngineClock}).
	 */
	public Instant now() {
		return ClockUtil.now().toInstant();
	}

	public void moveClockTo(Instant at) {
		ClockUtil.setCurrentTime(Date.from(at));
	}

	public void resetClock() {
		ClockUtil.reset();
	}

	/** The id of the case's open task with this key. */
	public String openTask(ApplicationId id, String taskKey) {
		Task task = tasks.createTaskQuery()
			.processInstanceId(processInstanceOf(id))
			.taskDefinitionKey(taskKey)
			.singleResult();
		if (task == null) {
			throw new IllegalStateException("Case " + id + " has no open task " + taskKey);
		}
		return task.getId();
	}

	/**
	 * Fires a timer whose time has come on the moved clock; a step that a weekend moved
	 * before the timer's time fires it when it was due, not earlier. The job executor
	 * starts only once the application is ready, after the demo data: nothing else fires
	 * it meanwhile.
	 */
	public void fireTimer(ApplicationId id, String activityId) {
		Job timer = management.createJobQuery()
			.processInstanceId(processInstanceOf(id))
			.activityId(activityId)
			.singleResult();
		if (timer == null) {
			throw new IllegalStateException("Case " + id + " has no timer " + activityId
					+ " to fire: the process model and the script disagree");
		}
		if (timer.getDuedate() != null && timer.getDuedate().after(ClockUtil.getCurrentTime())) {
			ClockUtil.setCurrentTime(timer.getDuedate());
		}
		management.executeJob(timer.getId());
	}

	/** The id of the open task with this key in the case's supervision. */
	public String openSupervisionTask(ApplicationId id, String taskKey) {
		Task task = tasks.createTaskQuery()
			.processInstanceId(supervisionOf(id))
			.taskDefinitionKey(taskKey)
			.singleResult();
		if (task == null) {
			throw new IllegalStateException("The supervision of " + id + " has no open task " + taskKey);
		}
		return task.getId();
	}

	/**
	 * Fires, oldest first, each timer of the case's supervision whose time has come on
	 * the moved clock (a month's due day over, its grace over), as the job executor would
	 * have fired them then; a timer a firing sets for a later month waits for its own
	 * time. The job executor starts only after the demo data, so a script that moves the
	 * clock over months fires them itself, and none is left for the executor to fire
	 * late.
	 */
	public int fireDueSupervisionTimers(ApplicationId id) {
		String instance = supervisionOf(id);
		int fired = 0;
		while (instance != null) {
			List<Job> due = management.createJobQuery()
				.processInstanceId(instance)
				.timers()
				.duedateLowerThenOrEquals(ClockUtil.getCurrentTime())
				.orderByJobDuedate()
				.asc()
				.listPage(0, 1);
			if (due.isEmpty()) {
				break;
			}
			management.executeJob(due.get(0).getId());
			if (++fired > 100) {
				throw new IllegalStateException("The supervision of " + id + " keeps setting timers already due");
			}
		}
		return fired;
	}

	/** The case's supervision, by its business key; null if none runs. */
	private String supervisionOf(ApplicationId id) {
		String reference = applications.findById(id)
			.orElseThrow(() -> new IllegalStateException("No case " + id))
			.reference()
			.value();
		org.camunda.bpm.engine.runtime.ProcessInstance instance = runtime.createProcessInstanceQuery()
			.processDefinitionKey(TokenSupervision.KEY)
			.processInstanceBusinessKey(reference)
			.singleResult();
		return instance == null ? null : instance.getId();
	}

	/**
	 * The case's instance, by its business key: the case's reference, as the gateway
	 * correlates messages.
	 */
	private String processInstanceOf(ApplicationId id) {
		String reference = applications.findById(id)
			.orElseThrow(() -> new IllegalStateException("No case " + id))
			.reference()
			.value();
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(ApplicationProcess.KEY)
			.processInstanceBusinessKey(reference)
			.singleResult()
			.getId();
	}

}
