package jp.tobira.process;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import jp.tobira.notification.Notifications;
import jp.tobira.review.DecisionTask;
import jp.tobira.review.DelegateCannotTake;
import jp.tobira.review.Delegation;
import jp.tobira.review.Delegations;
import jp.tobira.review.AssigneeNotInGroup;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.NotAllowedToAssign;
import jp.tobira.review.NotYourTask;
import jp.tobira.review.ReportAssessment;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.SuspensionDecision;
import jp.tobira.review.TaskConflict;
import jp.tobira.review.TaskDefinition;
import jp.tobira.review.TaskDefinitions;
import jp.tobira.review.TaskForms;
import jp.tobira.review.TaskNotFound;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.Users;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * The engine's side of {@link ReviewTasks}: claiming, unclaiming, assigning (to a
 * delegate while the assignee is away), follow-up dates, saving and completing, each
 * authorised against the task's candidate groups and audited. Work on one case is
 * serialised on the case's row, so of two reviewers completing the same task at the same
 * moment one wins and the other is told who did it.
 */
@Service
class EngineReviewTasks implements ReviewTasks {

	private final TaskService tasks;

	private final HistoryService history;

	private final Applications applications;

	private final AuditLog auditLog;

	private final TaskForms forms;

	private final TaskDefinitions definitions;

	private final FourEyesRule fourEyes;

	private final Users users;

	private final SuspensionFourEyes suspensionFourEyes;

	private final Notifications notifications;

	private final Delegations delegations;

	private final Clock clock;

	EngineReviewTasks(TaskService tasks, HistoryService history, Applications applications, AuditLog auditLog,
			TaskForms forms, TaskDefinitions definitions, FourEyesRule fourEyes, SuspensionFourEyes suspensionFourEyes,
			Users users, Notifications notifications, Delegations delegations, Clock clock) {
		this.suspensionFourEyes = suspensionFourEyes;
		this.notifications = notifications;
		this.delegations = delegations;
		this.clock = clock;
		this.fourEyes = fourEyes;
		this.users = users;
		this.tasks = tasks;
		this.history = history;
		this.applications = applications;
		this.auditLog = auditLog;
		this.forms = forms;
		this.definitions = definitions;
	}

	@Transactional(readOnly = true)
	@Override
	public TaskOnCase open(Actor actor, String taskId) {
		Task task = open(taskId);
		if (task == null) {
			throw gone(taskId);
		}
		Set<String> candidates = candidateGroups(taskId);
		if (groupIds(actor).stream().noneMatch(candidates::contains) && !actor.username().equals(task.getAssignee())) {
			throw new NotYourTask(actor.username(), task.getTaskDefinitionKey());
		}
		Application application = applications
			.findById(jp.tobira.application.ApplicationId
				.of(String.valueOf(tasks.getVariable(taskId, ApplicationProcess.Variables.APPLICATION_ID))))
			.orElseThrow(() -> new TaskNotFound(taskId));
		return new TaskOnCase(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
				application.id().value(), task.getDueDate() == null ? null : task.getDueDate().toInstant(), candidates,
				task.getFollowUpDate() == null ? null
						: LocalDate.ofInstant(task.getFollowUpDate().toInstant(), clock.getZone()));
	}

	@Transactional(readOnly = true)
	@Override
	public TaskSeen seen(Actor actor, String taskId) {
		// the engine's history holds open and finished tasks alike, with the groups each
		// was offered to and who held it
		HistoricTaskInstance task = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
		if (task == null) {
			throw new TaskNotFound(taskId);
		}
		Set<String> candidates = new java.util.HashSet<>();
		Set<String> holders = new java.util.HashSet<>();
		history.createHistoricIdentityLinkLogQuery().taskId(taskId).list().forEach(link -> {
			if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
				candidates.add(link.getGroupId());
			}
			if (IdentityLinkType.ASSIGNEE.equals(link.getType()) && link.getUserId() != null) {
				holders.add(link.getUserId());
			}
		});
		if (task.getAssignee() != null) {
			holders.add(task.getAssignee());
		}
		if (groupIds(actor).stream().noneMatch(candidates::contains) && !holders.contains(actor.username())) {
			throw new NotYourTask(actor.username(), task.getTaskDefinitionKey());
		}
		var instance = history.createHistoricProcessInstanceQuery()
			.processInstanceId(task.getProcessInstanceId())
			.singleResult();
		Application application = instance == null ? null
				: applications.findByReference(new jp.tobira.application.Reference(instance.getBusinessKey()))
					.orElse(null);
		if (application == null) {
			throw new TaskNotFound(taskId);
		}
		return new TaskSeen(task.getId(), task.getTaskDefinitionKey(), application.id().value(),
				application.reference().value(), task.getEndTime() == null);
	}

	@Transactional(readOnly = true)
	@Override
	public java.util.Optional<FourEyesViolation> fourEyesRefusal(Actor actor, String taskId) {
		Task task = open(taskId);
		if (task == null) {
			return java.util.Optional.empty();
		}
		List<String> earlier;
		if (DecisionTask.KEY.equals(task.getTaskDefinitionKey())) {
			earlier = fourEyes.earlierTasksOf(actor.username(), task.getProcessInstanceId(), taskId);
		}
		else if (SuspensionDecision.KEY.equals(task.getTaskDefinitionKey())) {
			earlier = actor.username()
				.equals(suspensionFourEyes.proposerOf(task.getProcessInstanceId(), task.getCreateTime()).orElse(null))
						? List.of(ReportAssessment.KEY) : List.of();
		}
		else {
			return java.util.Optional.empty();
		}
		return earlier.isEmpty() ? java.util.Optional.empty() : applications
			.findById(jp.tobira.application.ApplicationId
				.of(String.valueOf(tasks.getVariable(taskId, ApplicationProcess.Variables.APPLICATION_ID))))
			.map(application -> new FourEyesViolation(actor.username(), application.reference().value(), earlier));
	}

	@Override
	public java.util.Optional<java.util.UUID> reserveReportOf(String taskId) {
		Task task = open(taskId);
		if (task == null) {
			return java.util.Optional.empty();
		}
		// local to the filing's event sub-process, so each task reads its own filing's
		Object reportId = tasks.getVariable(taskId, TokenSupervision.Variables.REPORT_ID);
		return reportId == null ? java.util.Optional.empty()
				: java.util.Optional.of(java.util.UUID.fromString(reportId.toString()));
	}

	@Transactional
	@Override
	public void claim(Actor actor, String taskId) {
		Work work = lockAndCheck(actor, taskId);
		String assignee = work.task().getAssignee();
		if (actor.username().equals(assignee)) {
			return;
		}
		if (assignee != null) {
			throw new TaskConflict(Phrase.of("error.task.claimedBy",
					TaskDefinition.nameOf(work.task().getTaskDefinitionKey()), work.reference(), assignee));
		}
		assign(actor, work);
	}

	@Transactional
	@Override
	public void unclaim(Actor actor, String taskId) {
		Work work = lockAndCheck(actor, taskId);
		if (!actor.username().equals(work.task().getAssignee())) {
			throw new TaskConflict(Phrase.of("error.task.notClaimedBy",
					TaskDefinition.nameOf(work.task().getTaskDefinitionKey()), work.reference(), actor.username()));
		}
		tasks.setAssignee(taskId, null);
		auditLog.append(actor.username(), work.reference(), AuditKind.TASK_UNCLAIMED,
				Map.of("taskId", taskId, "taskKey", work.task().getTaskDefinitionKey()));
	}

	@Transactional
	@Override
	public void assign(Actor actor, String taskId, String assignee) {
		if (!actor.isIn(Group.DECISION) && !actor.isIn(Group.ADMIN)) {
			throw new NotAllowedToAssign(actor.username());
		}
		// the case locked first, then the task read: it may have been completed meanwhile
		Application application = applications.lockByTask(taskId).orElseThrow(() -> gone(taskId));
		Task task = open(taskId);
		if (task == null) {
			throw gone(taskId);
		}
		String reference = application.reference().value();
		if (!member(taskId, assignee)) {
			throw new AssigneeNotInGroup(assignee, task.getTaskDefinitionKey(), reference);
		}
		java.util.Optional<Delegation> away = delegations.runningFor(assignee);
		if (away.isEmpty()) {
			if (give(task, reference, assignee)) {
				auditLog.append(actor.username(), reference, AuditKind.TASK_ASSIGNED,
						Map.of("taskId", taskId, "taskKey", task.getTaskDefinitionKey(), "assignee", assignee));
				notifications.taskAssigned(assignee, actor.username(), taskId, task.getTaskDefinitionKey(), reference);
			}
			return;
		}
		Delegation delegation = away.get();
		boolean given;
		try {
			given = give(task, reference, delegation.delegate());
		}
		catch (AssigneeNotInGroup | FourEyesViolation ex) {
			throw new DelegateCannotTake(ex, assignee, delegation.delegate(), delegation.endsOn());
		}
		if (!given) {
			return;
		}
		delegations.recordDelegatedTask(taskId, delegation);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("taskId", taskId);
		payload.put("taskKey", task.getTaskDefinitionKey());
		payload.put("assignee", delegation.delegate());
		payload.put("meantFor", assignee);
		payload.put("delegationId", delegation.id().toString());
		auditLog.append(actor.username(), reference, AuditKind.TASK_DELEGATED, payload);
		notifications.taskDelegated(delegation.delegate(), assignee, taskId, task.getTaskDefinitionKey(), reference);
	}

	/**
	 * Gives the task to the assignee, a member of one of its groups, unless someone else
	 * holds it; the four-eyes rule listens on the decision task's assignment. Whether it
	 * changed anything: the caller audits what it was.
	 */
	private boolean give(Task task, String reference, String assignee) {
		String taskId = task.getId();
		if (!member(taskId, assignee)) {
			throw new AssigneeNotInGroup(assignee, task.getTaskDefinitionKey(), reference);
		}
		if (assignee.equals(task.getAssignee())) {
			return false;
		}
		if (task.getAssignee() != null) {
			throw new TaskConflict(Phrase.of("error.task.claimedBy", TaskDefinition.nameOf(task.getTaskDefinitionKey()),
					reference, task.getAssignee()));
		}
		try {
			// the four-eyes rule listens on the decision task's assignment and refuses an
			// assignee who worked the case before
			tasks.setAssignee(taskId, assignee);
		}
		catch (RuntimeException ex) {
			throw unwrapped(ex);
		}
		return true;
	}

	private boolean member(String taskId, String user) {
		return candidateGroups(taskId).stream()
			.flatMap(id -> Group.ofId(id).stream())
			.anyMatch(group -> users.membersOf(group).contains(user));
	}

	/**
	 * The engine's own follow-up date, as the start of the day where the supervisor sits,
	 * so the list's query compares it with the column alone.
	 */
	@Transactional
	@Override
	public void setFollowUp(Actor actor, String taskId, LocalDate date) {
		Work work = lockAndCheck(actor, taskId);
		Task task = work.task();
		if (!actor.username().equals(task.getAssignee())) {
			throw new TaskConflict(Phrase.of("error.followUp.notAssignee",
					TaskDefinition.nameOf(task.getTaskDefinitionKey()), work.reference(), actor.username()));
		}
		LocalDate today = LocalDate.now(clock);
		if (date != null && date.isBefore(today)) {
			throw jp.tobira.validation.InvalidInput.of("date", "problem.followUp.past", today.toString());
		}
		task.setFollowUpDate(date == null ? null : Date.from(date.atStartOfDay(clock.getZone()).toInstant()));
		tasks.saveTask(task);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("taskId", taskId);
		payload.put("taskKey", task.getTaskDefinitionKey());
		if (date != null) {
			payload.put("date", date.toString());
		}
		auditLog.append(actor.username(), work.reference(),
				date == null ? AuditKind.TASK_FOLLOW_UP_CLEARED : AuditKind.TASK_FOLLOW_UP_SET, payload);
	}

	/**
	 * Task-local state, so the reviewer can come back to it; claiming it keeps two
	 * reviewers off one form.
	 */
	@Transactional
	@Override
	public void save(Actor actor, String taskId, String formJson) {
		Work work = lockAndCheck(actor, taskId);
		String assignee = work.task().getAssignee();
		if (assignee != null && !assignee.equals(actor.username())) {
			throw new TaskConflict(Phrase.of("error.task.heldBy",
					TaskDefinition.nameOf(work.task().getTaskDefinitionKey()), work.reference(), assignee));
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

	@Transactional(readOnly = true)
	@Override
	public java.util.Optional<String> savedForm(Actor actor, String taskId) {
		open(actor, taskId);
		return java.util.Optional.ofNullable((String) tasks.getVariableLocal(taskId, SAVED_FORM));
	}

	static final String SAVED_FORM = "savedForm";

	@Transactional
	@Override
	public void complete(Actor actor, String taskId, JsonNode form) {
		Work work = lockAndCheck(actor, taskId);
		String assignee = work.task().getAssignee();
		if (assignee != null && !assignee.equals(actor.username())) {
			throw new TaskConflict(Phrase.of("error.task.heldByForCompletion",
					TaskDefinition.nameOf(work.task().getTaskDefinitionKey()), work.reference(), assignee));
		}
		TaskDefinition definition = definitions.of(work.task().getTaskDefinitionKey());
		try {
			if (assignee == null) {
				assign(actor, work);
			}
			Object outcome = definition.complete(actor, work.application(), form);
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("taskId", taskId);
			payload.put("taskKey", work.task().getTaskDefinitionKey());
			payload.put("form", forms.toValue(form));
			auditLog.append(actor.username(), work.reference(), AuditKind.TASK_COMPLETED, payload);
			tasks.complete(taskId, ApplicationProcess.Variables.outcomeOf(definition.key(), outcome));
		}
		catch (OptimisticLockingException ex) {
			throw new TaskConflict(Phrase.of("error.task.sameMoment",
					TaskDefinition.nameOf(work.task().getTaskDefinitionKey()), work.reference()));
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

	/**
	 * Listener exceptions may reach us wrapped by the engine; the domain's own reason is
	 * what the user needs.
	 */
	private static RuntimeException unwrapped(RuntimeException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof Refusal refusal) {
				return refusal;
			}
		}
		return ex;
	}

	private record Work(Task task, Application application) {

		String reference() {
			return application.reference().value();
		}
	}

	/**
	 * Locks the task's case, then finds the task (it may have been completed while this
	 * waited for the lock) and authorises.
	 */
	private Work lockAndCheck(Actor actor, String taskId) {
		// the case locked first, then the task read: it may have been completed meanwhile
		Application application = applications.lockByTask(taskId).orElseThrow(() -> gone(taskId));
		// one query finds the task if it is open and one of the actor's groups is among
		// its candidates, the usual case; reading the task and then its identity links
		// took three statements
		Set<String> groups = groupIds(actor);
		Task task = groups.isEmpty() ? null
				: tasks.createTaskQuery()
					.taskId(taskId)
					.taskCandidateGroupIn(List.copyOf(groups))
					.includeAssignedTasks()
					.singleResult();
		if (task == null) {
			// not (or no longer) open, or not their groups' task: which, and whether they
			// hold it all the same
			task = open(taskId);
			if (task == null) {
				throw gone(taskId);
			}
			if (!actor.username().equals(task.getAssignee())) {
				throw new NotYourTask(actor.username(), task.getTaskDefinitionKey());
			}
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
			return new TaskConflict(Phrase.of("error.task.caseClosed",
					TaskDefinition.nameOf(done.getTaskDefinitionKey()), done.getDeleteReason()));
		}
		if (done != null && done.getEndTime() != null) {
			return new TaskConflict(done.getAssignee() == null
					? Phrase.of("error.task.completed", TaskDefinition.nameOf(done.getTaskDefinitionKey()),
							done.getEndTime().toInstant().toString())
					: Phrase.of("error.task.completedBy", TaskDefinition.nameOf(done.getTaskDefinitionKey()),
							done.getAssignee(), done.getEndTime().toInstant().toString()));
		}
		return new TaskNotFound(taskId);
	}

	private static Set<String> groupIds(Actor actor) {
		return actor.groups().stream().map(Group::id).collect(Collectors.toSet());
	}

}
