package jp.tobira.review;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * Giving a task to someone else is for the decision group and admins, who share out the
 * work (403).
 */
public class NotAllowedToAssign extends Refusal {

	public NotAllowedToAssign(String user) {
		super(Kind.FORBIDDEN, "Not allowed to assign", Phrase.of("error.task.notAllowedToAssign", user));
	}

}
