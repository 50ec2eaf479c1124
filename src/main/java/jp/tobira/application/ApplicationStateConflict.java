package jp.tobira.application;

import jp.tobira.validation.Explained;
import jp.tobira.validation.Phrase;

/** A change the case's current status does not allow, such as editing a submitted application (409). */
public class ApplicationStateConflict extends RuntimeException implements Explained {

	private final Phrase phrase;

	public ApplicationStateConflict(Phrase phrase) {
		super(phrase.english());
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}
}
