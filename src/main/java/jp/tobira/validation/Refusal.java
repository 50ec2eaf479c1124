package jp.tobira.validation;

/**
 * A refusal said as a {@link Phrase}: its message is the phrase in English (for the API and the logs); screens put
 * the phrase into the reader's language.
 */
public abstract class Refusal extends RuntimeException implements Explained {

	private final transient Phrase phrase;

	protected Refusal(Phrase phrase) {
		super(phrase.english());
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}
}
