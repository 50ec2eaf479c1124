package jp.tobira.rulebook;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

public class RulebookVersionNotFound extends Refusal {

	public RulebookVersionNotFound(int version) {
		super(Kind.NOT_FOUND, "No such rulebook version", Phrase.of("rulebook.error.notFound", version));
	}

}
