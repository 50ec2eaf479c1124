package jp.tobira.application;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A change the case's current status does not allow, such as editing a submitted
 * application (409).
 */
public class ApplicationStateConflict extends Refusal {

	public ApplicationStateConflict(Phrase phrase) {
		super(Kind.CONFLICT, "Conflict", phrase);
	}

}
