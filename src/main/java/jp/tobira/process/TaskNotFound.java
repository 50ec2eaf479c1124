package jp.tobira.process;

/** No open task with that id that the user may see (404). */
public class TaskNotFound extends RuntimeException {

	public TaskNotFound(String taskId) {
		super("No open task " + taskId + ".");
	}
}
