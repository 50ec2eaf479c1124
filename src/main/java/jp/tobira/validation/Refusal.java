package jp.tobira.validation;

import java.util.List;

/**
 * A refusal said as a {@link Phrase}: its message is the phrase in English (for the API
 * and the logs); screens put the phrase into the reader's language. Its {@link Kind} says
 * what sort of refusal it is, so the adapters answer every feature's refusals alike (a
 * status code, an error page) without knowing the features.
 */
public abstract class Refusal extends RuntimeException implements Explained {

	/** What sort of refusal: the adapters map each to a status and a page. */
	public enum Kind {

		/**
		 * Nothing there that the user may see (404): another issuer's case reads exactly
		 * like a missing one.
		 */
		NOT_FOUND,
		/** The user may not do this (403). */
		FORBIDDEN,
		/** What someone did first, or the case's state, stands in the way (409). */
		CONFLICT,
		/** The request is well formed but the case is not ready for it (422). */
		UNPROCESSABLE,
		/**
		 * The caller has done this as often as a window allows (429);
		 * {@link #retryAfter()} says when they may again.
		 */
		TOO_MANY_REQUESTS

	}

	private final transient Phrase phrase;

	private final Kind kind;

	private final String title;

	/**
	 * @param title the problem's title in the API, in English (such as "Four-eyes rule")
	 */
	protected Refusal(Kind kind, String title, Phrase phrase) {
		super(phrase.english());
		this.kind = kind;
		this.title = title;
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}

	public Kind kind() {
		return kind;
	}

	public String title() {
		return title;
	}

	/**
	 * How long until the refused request may succeed, for a refusal that passes with time
	 * ({@link Kind#TOO_MANY_REQUESTS}); none by default.
	 */
	public java.util.Optional<java.time.Duration> retryAfter() {
		return java.util.Optional.empty();
	}

	/**
	 * The fields the refusal is about, for a problem's {@code errors}; none by default.
	 */
	public List<FieldProblem> fields() {
		return List.of();
	}

}
