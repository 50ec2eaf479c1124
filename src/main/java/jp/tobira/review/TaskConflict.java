package jp.tobira.review;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * The task cannot be worked as asked because of what someone else did first: it was
 * completed already, or another reviewer holds it (409). The message says who and what,
 * so the loser knows what happened.
 */
public class TaskConflict extends Refusal {

	public TaskConflict(Phrase phrase) {
		super(Kind.CONFLICT, "Conflict", phrase);
	}

}
