package jp.tobira.review;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditEntry;
import jp.tobira.security.Actor;

/**
 * What happened to a task, read from the audit log, the record of truth, and nowhere
 * else: its creation, claims and returns, saves, assignments, completion and the notes
 * written on its screen, oldest first, each with who and when. For those who may see the
 * task, open or finished.
 */
@Service
public class TaskHistory {

	private final ReviewTasks tasks;

	private final AuditEntries entries;

	TaskHistory(ReviewTasks tasks, AuditEntries entries) {
		this.tasks = tasks;
		this.entries = entries;
	}

	@Transactional(readOnly = true)
	public List<AuditEntry> of(Actor actor, String taskId) {
		ReviewTasks.TaskSeen task = tasks.seen(actor, taskId);
		return entries.forTask(task.reference(), task.id());
	}

}
