package jp.tobira.review;

import java.util.Collection;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A decision refused because the decider worked on an earlier task of the same case (four
 * eyes, ARCHITECTURE.md §2).
 */
public class FourEyesViolation extends Refusal {

	public FourEyesViolation(String user, String reference, Collection<String> earlierTasks) {
		super(Kind.FORBIDDEN, "Four-eyes rule",
				Phrase.of("error.fourEyes", user, reference,
						earlierTasks.stream()
							.map(key -> (Object) Phrase.of("task.named", Phrase.of("task." + key), key))
							.toList()));
	}

}
