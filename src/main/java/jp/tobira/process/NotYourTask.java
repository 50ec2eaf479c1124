package jp.tobira.process;

import jp.tobira.validation.Explained;
import jp.tobira.validation.Phrase;

/** The user is in none of the task's groups (403). */
public class NotYourTask extends RuntimeException implements Explained {

	private final Phrase phrase;

	public NotYourTask(String user, String taskKey) {
		this(Phrase.of("error.task.notYours", user, ReviewTasks.taskName(taskKey)));
	}

	private NotYourTask(Phrase phrase) {
		super(phrase.english());
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}
}
