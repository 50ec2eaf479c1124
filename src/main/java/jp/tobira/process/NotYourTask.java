package jp.tobira.process;

/** The user is in none of the task's groups (403). */
public class NotYourTask extends RuntimeException {

	public NotYourTask(String user, String taskName) {
		super(user + " is not in a group that works \"" + taskName + "\".");
	}
}
