package jp.tobira.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.Application;
import jp.tobira.application.Applications;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.Phrase;

/**
 * The one door to the engine's user tasks: listing, claiming, unclaiming and completing, each authorised against
 * the task's candidate groups and audited. Work on one case is serialised on the case's row, so of two reviewers
 * completing the same task at the same moment one wins and the other is told who did it.
 */
@Service
public class ReviewTasks {

	private final TaskService tasks;

	private final HistoryService history;

	private final TaskListQuery query;

	private final Applications applications;

	private final AuditLog auditLog;

	private final TaskForms forms;

	private final Map<String, TaskCompletion> completions;

	private final FourEyesRule fourEyes;

	ReviewTasks(TaskService tasks, HistoryService history, TaskListQuery query, Applications applications,
			AuditLog auditLog, TaskForms forms, List<TaskCompletion> completions, FourEyesRule fourEyes) {
		this.fourEyes = fourEyes;
		this.tasks = tasks;
		this.history = history;
		this.query = query;
		this.applications = applications;
		this.auditLog = auditLog;
		this.forms = forms;
		this.completions = completions.stream().collect(Collectors.toMap(TaskCompletion::taskKey, Function.identity()));
	}

	@Transactional(readOnly = true)
	public List<OpenTask> workable(Actor actor, int page, int size) {
		return query.workable(actor.username(), groupIds(actor), page * size, size);
	}

	@Transactional(readOnly = true)
	public long countWorkable(Actor actor) {
		return query.countWorkable(actor.username(), groupIds(actor));
	}

	/** An open task the actor may work or see worked (its group's, or their own), with its case. */
	public record TaskOnCase(String id, String taskKey, String name, String assignee, java.util.UUID applicationId,
			java.time.Instant due, Set<String> candidateGroups) {
	}

	@Transactional(readOnly = true)
	public TaskOnCase open(Actor actor, String taskId) {
		Task task = open(taskId);
		if (task == null) {
			throw gone(taskId);
		}
		Set<String> candidates = candidateGroups(taskId);
		if (groupIds(actor).stream().noneMatch(candidates::contains) && !actor.username().equals(task.getAssignee())) {
			throw new NotYourTask(actor.username(), task.getTaskDefinitionKey());
		}
		Application application = applications.findById(jp.tobira.application.ApplicationId.of(
				String.valueOf(tasks.getVariable(taskId, ApplicationProcess.Variables.APPLICATION_ID))))
			.orElseThrow(() -> new TaskNotFound(taskId));
		return new TaskOnCase(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
				application.id().value(), task.getDueDate() == null ? null : task.getDueDate().toInstant(), candidates);
	}

	/**
	 * Whether the four-eyes rule would refuse the actor this task, asked before they fill in its form; the engine
	 * still enforces the rule when they claim or complete it.
	 */
	@Transactional(readOnly = true)
	public java.util.Optional<FourEyesViolation> fourEyesRefusal(Actor actor, String taskId) {
		Task task = open(taskId);
		if (task == null || !ApplicationProcess.Tasks.DECIDE.equals(task.getTaskDefinitionKey())) {
			return java.util.Optional.empty();
		}
		List<String> earlier = fourEyes.earlierTasksOf(actor.username(), task.getProcessInstanceId(), taskId);
		return earlier.isEmpty() ? java.util.Optional.empty()
				: applications.findById(jp.tobira.application.ApplicationId.of(
						String.valueOf(tasks.getVariable(taskId, ApplicationProcess.Variables.APPLICATION_ID))))
					.map(application -> new FourEyesViolation(actor.username(), application.reference().value(), earlier));
	}

	@Transactional
	public void claim(Actor actor, String taskId) {
		Work work = lockAndCheck(actor, taskId);
		String assignee = work.task().getAssignee();
		if (actor.username().equals(assignee)) {
			return;
		}
		if (assignee != null) {
			throw new TaskConflict(Phrase.of("error.task.claimedBy", taskName(work.task().getTaskDefinitionKey()), work.reference(), assignee));
		}
		assign(actor, work);
	}

	@Transactional
	public void unclaim(Actor actor, String taskId) {
		Work work = lockAndCheck(actor, taskId);
		if (!actor.username().equals(work.task().getAssignee())) {
			throw new TaskConflict(Phrase.of("error.task.notClaimedBy", taskName(work.task().getTaskDefinitionKey()), work.reference(), actor.username()));
		}
		tasks.setAssignee(taskId, null);
		auditLog.append(actor.username(), work.reference(), AuditKind.TASK_UNCLAIMED,
				Map.of("taskId", taskId, "taskKey", work.task().getTaskDefinitionKey()));
	}

	/**
	 * Keeps a half-filled form with the task (task-local state), so the reviewer can come back to it; claims an
	 * unclaimed task for the user, like completing does, so two reviewers do not fill in the same form.
	 */
	@Transactional
	public void save(Actor actor, String taskId, String formJson) {
		Work work = lockAndCheck(actor, taskId);
		String assignee = work.task().getAssignee();
		if (assignee != null && !assignee.equals(actor.username())) {
			throw new TaskConflict(Phrase.of("error.task.heldBy", taskName(work.task().getTaskDefinitionKey()), work.reference(), assignee));
		}
		if (formJson.length() > 100_000) {
			throw jp.tobira.validation.InvalidInput.of("form", "problem.formTooLarge");
		}
		if (assignee == null) {
			assign(actor, work);
		}
		tasks.setVariableLocal(taskId, SAVED_FORM, formJson);
		auditLog.append(actor.username(), work.reference(), AuditKind.TASK_SAVED,
				Map.of("taskId", taskId, "taskKey", work.task().getTaskDefinitionKey()));
	}

	/** The form saved with the task, if any. */
	@Transactional(readOnly = true)
	public java.util.Optional<String> savedForm(Actor actor, String taskId) {
		open(actor, taskId);
		return java.util.Optional.ofNullable((String) tasks.getVariableLocal(taskId, SAVED_FORM));
	}

	static final String SAVED_FORM = "savedForm";

	/**
	 * Completes a task with its form. An unclaimed task is claimed for the user first; a task another user holds is
	 * refused. The form's outcome is recorded and the process moves on, or nothing happens at all.
	 */
	@Transactional
	public void complete(Actor actor, String taskId, JsonNode form) {
		Work work = lockAndCheck(actor, taskId);
		String assignee = work.task().getAssignee();
		if (assignee != null && !assignee.equals(actor.username())) {
			throw new TaskConflict(Phrase.of("error.task.heldByForCompletion", taskName(work.task().getTaskDefinitionKey()), work.reference(), assignee));
		}
		TaskCompletion completion = completions.get(work.task().getTaskDefinitionKey());
		if (completion == null) {
			throw new IllegalStateException("No form for task " + work.task().getTaskDefinitionKey());
		}
		try {
			if (assignee == null) {
				assign(actor, work);
			}
			Map<String, Object> variables = completion.complete(actor, work.application(), form);
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("taskId", taskId);
			payload.put("taskKey", work.task().getTaskDefinitionKey());
			payload.put("form", forms.toValue(form));
			auditLog.append(actor.username(), work.reference(), AuditKind.TASK_COMPLETED, payload);
			tasks.complete(taskId, variables);
		}
		catch (OptimisticLockingException ex) {
			throw new TaskConflict(Phrase.of("error.task.sameMoment", taskName(work.task().getTaskDefinitionKey()), work.reference()));
		}
		catch (RuntimeException ex) {
			throw unwrapped(ex);
		}
	}

	private void assign(Actor actor, Work work) {
		try {
			tasks.setAssignee(work.task().getId(), actor.username());
		}
		catch (RuntimeException ex) {
			throw unwrapped(ex);
		}
		auditLog.append(actor.username(), work.reference(), AuditKind.TASK_CLAIMED,
				Map.of("taskId", work.task().getId(), "taskKey", work.task().getTaskDefinitionKey()));
	}

	/** Listener exceptions may reach us wrapped by the engine; the domain's own reason is what the user needs. */
	private static RuntimeException unwrapped(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof FourEyesViolation violation) {
				return violation;
			}
		}
		return ex;
	}

	private record Work(Task task, Application application) {

		String reference() {
			return application.reference().value();
		}
	}

	/** Finds the task, locks its case, finds it again (it may have been completed meanwhile) and authorises. */
	private Work lockAndCheck(Actor actor, String taskId) {
		Task seen = open(taskId);
		if (seen == null) {
			throw gone(taskId);
		}
		Application application = applications.lockByProcessInstance(seen.getProcessInstanceId())
			.orElseThrow(() -> new TaskNotFound(taskId));
		Task task = open(taskId);
		if (task == null) {
			throw gone(taskId);
		}
		Set<String> candidates = candidateGroups(taskId);
		boolean inGroup = groupIds(actor).stream().anyMatch(candidates::contains);
		if (!inGroup && !actor.username().equals(task.getAssignee())) {
			throw new NotYourTask(actor.username(), task.getTaskDefinitionKey());
		}
		return new Work(task, application);
	}

	private Set<String> candidateGroups(String taskId) {
		return tasks.getIdentityLinksForTask(taskId)
			.stream()
			.filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
			.map(IdentityLink::getGroupId)
			.collect(Collectors.toSet());
	}

	private Task open(String taskId) {
		return tasks.createTaskQuery().taskId(taskId).singleResult();
	}

	private RuntimeException gone(String taskId) {
		HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
		if (done != null && done.getEndTime() != null && !"completed".equals(done.getDeleteReason())) {
			return new TaskConflict(Phrase.of("error.task.caseClosed", taskName(done.getTaskDefinitionKey()), done.getDeleteReason()));
		}
		if (done != null && done.getEndTime() != null) {
			return new TaskConflict(done.getAssignee() == null ? Phrase.of("error.task.completed", taskName(done.getTaskDefinitionKey()), done.getEndTime().toInstant().toString()) : Phrase.of("error.task.completedBy", taskName(done.getTaskDefinitionKey()), done.getAssignee(), done.getEndTime().toInstant().toString()));
		}
		return new TaskNotFound(taskId);
	}

	/** A task's name in the reader's language, from the message bundles, as the screens name it. */
	static Phrase taskName(String taskKey) {
		return Phrase.of("task." + taskKey);
	}

	private static Set<String> groupIds(Actor actor) {
		return actor.groups().stream().map(Group::id).collect(Collectors.toSet());
	}
}
