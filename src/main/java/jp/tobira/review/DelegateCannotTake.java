package jp.tobira.review;

import java.time.LocalDate;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A task given to someone who is away goes to their delegate; when the delegate may not
 * take it (the four-eyes rule, not in the task's group) the assignment is refused whole,
 * saying who is away, who stands in and why they cannot. Of the same kind as the reason.
 */
public class DelegateCannotTake extends Refusal {

	public DelegateCannotTake(Refusal reason, String meantFor, String delegate, LocalDate until) {
		super(reason.kind(), reason.title(), Phrase.of("error.delegation.delegateCannotTake", meantFor,
				until.toString(), delegate, reason.phrase()));
	}

}
