package jp.tobira.process;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * Every user task's creation, in the audit log ({@code ${taskAudit}} on each user task of
 * the model).
 */
@Component("taskAudit")
class TaskAudit implements TaskListener {

	private final AuditLog auditLog;

	TaskAudit(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public void notify(DelegateTask task) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("taskId", task.getId());
		payload.put("taskKey", task.getTaskDefinitionKey());
		payload.put("name", task.getName());
		payload.put("due", task.getDueDate() == null ? null : task.getDueDate().toInstant().toString());
		auditLog.append(Actor.SYSTEM.username(), task.getExecution().getProcessBusinessKey(), AuditKind.TASK_CREATED,
				payload);
	}

}
