package jp.tobira.application;

import jp.tobira.validation.Explained;
import jp.tobira.validation.Phrase;

/** The same bytes are already stored with this application (409). */
public class DuplicateDocument extends RuntimeException implements Explained {

	private final Phrase phrase;

	public DuplicateDocument(Document existing) {
		this(Phrase.of("error.duplicateDocument", Phrase.of("document." + existing.type()), existing.version(),
				existing.fileName()));
	}

	private DuplicateDocument(Phrase phrase) {
		super(phrase.english());
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}
}
