package jp.tobira.review;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/** No open task with that id that the user may see (404). */
public class TaskNotFound extends Refusal {

	public TaskNotFound(String taskId) {
		super(Kind.NOT_FOUND, "Not found", Phrase.of("error.task.notFound", taskId));
	}

}
