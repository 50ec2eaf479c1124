package jp.tobira.supervision;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * An action of supervision (a surrender) on a token that is not, or no longer,
 * recognised: 409, naming why.
 */
public class NotUnderSupervision extends Refusal {

	NotUnderSupervision(String reference, String why) {
		super(Kind.CONFLICT, "Not under supervision", Phrase.of("supervision.notUnderSupervision", reference, why));
	}

}
