package jp.tobira.supervision;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A reserve report for a token that is not under supervision: never recognised (still in
 * review, refused, withdrawn), or its recognition revoked or surrendered (409).
 *
 * @param status the case's status as a phrase, or the register's status by name
 */
public class TokenNotSupervised extends Refusal {

	TokenNotSupervised(String reference, Object status) {
		super(Kind.CONFLICT, "Token not under supervision",
				Phrase.of("error.reserveReport.notSupervised", reference, status));
	}

}
