package jp.tobira.process;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.security.Actor;

/**
 * A timer that fired, in the audit log ({@code ${timerAudit}} on each timer event of the
 * models: at the start of a boundary timer, at the end of an intermediate one).
 */
@Component("timerAudit")
class TimerAudit implements ExecutionListener {

	private final AuditLog auditLog;

	TimerAudit(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@Override
	public void notify(DelegateExecution execution) {
		if (execution.isCanceled()) {
			// an intermediate timer's end listener also hears the timer being cancelled
			// (a surrender ends the supervision while it waits): nothing fired
			return;
		}
		auditLog.append(Actor.SYSTEM.username(), execution.getProcessBusinessKey(), AuditKind.TIMER_FIRED, Map
			.of("timer", execution.getCurrentActivityId(), "name", String.valueOf(execution.getCurrentActivityName())));
	}

}
