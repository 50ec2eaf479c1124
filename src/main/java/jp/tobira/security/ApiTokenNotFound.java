package jp.tobira.security;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * No such token of the caller's: another user's token reads exactly like a missing one,
 * so its existence is not revealed.
 */
public class ApiTokenNotFound extends Refusal {

	ApiTokenNotFound() {
		super(Kind.NOT_FOUND, "Not found", Phrase.of("apiTokens.error.notFound"));
	}

}
