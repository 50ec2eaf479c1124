package jp.tobira.process;

/**
 * The task cannot be worked as asked because of what someone else did first: it was completed already, or another
 * reviewer holds it (409). The message says who and what, so the loser knows what happened.
 */
public class TaskConflict extends RuntimeException {

	public TaskConflict(String message) {
		super(message);
	}
}
