package jp.tobira.worklist;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * No view with that id that the user may see (404): another's private view reads exactly
 * like a missing one.
 */
public class TaskViewNotFound extends Refusal {

	public TaskViewNotFound(Object id) {
		super(Kind.NOT_FOUND, "Not found", Phrase.of("error.taskView.notFound", String.valueOf(id)));
	}

}
