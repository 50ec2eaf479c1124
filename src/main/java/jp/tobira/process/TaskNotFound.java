package jp.tobira.process;

import jp.tobira.validation.Explained;
import jp.tobira.validation.Phrase;

/** No open task with that id that the user may see (404). */
public class TaskNotFound extends RuntimeException implements Explained {

	private final Phrase phrase;

	public TaskNotFound(String taskId) {
		this(Phrase.of("error.task.notFound", taskId));
	}

	private TaskNotFound(Phrase phrase) {
		super(phrase.english());
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}
}
