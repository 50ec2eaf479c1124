package jp.tobira.worklist;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A shared view the user may see but not delete: only its owner may, or an admin (403).
 */
public class NotYourTaskView extends Refusal {

	public NotYourTaskView(String user, String name, String owner) {
		super(Kind.FORBIDDEN, "Not your view", Phrase.of("error.taskView.notYours", user, name, owner));
	}

}
