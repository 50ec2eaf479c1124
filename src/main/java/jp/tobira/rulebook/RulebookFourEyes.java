package jp.tobira.rulebook;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/** The admin who drafted a version tried to put it into force themselves. */
public class RulebookFourEyes extends Refusal {

	public RulebookFourEyes(String admin, int version) {
		super(Kind.FORBIDDEN, "Four-eyes rule", Phrase.of("rulebook.error.fourEyes", admin, version));
	}

}
