package jp.tobira.review;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/** The user is in none of the task's groups (403). */
public class NotYourTask extends Refusal {

	public NotYourTask(String user, String taskKey) {
		super(Kind.FORBIDDEN, "Not your task", Phrase.of("error.task.notYours", user, TaskDefinition.nameOf(taskKey)));
	}

}
