package jp.tobira.review;

import java.util.Collection;

import jp.tobira.validation.Explained;
import jp.tobira.validation.Phrase;

/** A decision refused because the decider worked on an earlier task of the same case (four eyes, DESIGN.md §2). */
public class FourEyesViolation extends RuntimeException implements Explained {

	private final Phrase phrase;

	public FourEyesViolation(String user, String reference, Collection<String> earlierTasks) {
		this(Phrase.of("error.fourEyes", user, reference, String.join(", ", earlierTasks)));
	}

	private FourEyesViolation(Phrase phrase) {
		super(phrase.english());
		this.phrase = phrase;
	}

	@Override
	public Phrase phrase() {
		return phrase;
	}
}
