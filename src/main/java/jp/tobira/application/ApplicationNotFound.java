package jp.tobira.application;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * No such case, or one the actor may not see: another issuer's case is answered exactly
 * like a missing one, so that its existence is not revealed.
 */
public class ApplicationNotFound extends Refusal {

	public ApplicationNotFound(Object id) {
		super(Kind.NOT_FOUND, "Not found", Phrase.of("error.applicationNotFound"));
	}

}
