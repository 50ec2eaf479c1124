package jp.tobira.review;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * No delegation with that id of the user's own (404): another reviewer's reads exactly
 * like a missing one.
 */
public class DelegationNotFound extends Refusal {

	public DelegationNotFound(Object id) {
		super(Kind.NOT_FOUND, "Not found", Phrase.of("error.delegation.notFound", String.valueOf(id)));
	}

}
