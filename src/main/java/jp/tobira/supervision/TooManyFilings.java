package jp.tobira.supervision;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A token filed as many reserve reports this calendar month as one may (409): each brings
 * an attestation, so the filings are bounded where the application's document quota does
 * not reach.
 */
public class TooManyFilings extends Refusal {

	TooManyFilings(String reference, int limit) {
		super(Kind.CONFLICT, "Too many filings", Phrase.of("error.reserveReport.tooManyFilings", reference, limit));
	}

}
