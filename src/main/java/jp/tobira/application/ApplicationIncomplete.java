package jp.tobira.application;

import java.util.List;

import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * Submission refused because required fields or documents are missing (422), each named.
 */
public class ApplicationIncomplete extends Refusal {

	private final List<FieldProblem> missing;

	public ApplicationIncomplete(List<FieldProblem> missing) {
		super(Kind.UNPROCESSABLE, "Application incomplete",
				Phrase.of("error.incomplete", missing.stream().map(FieldProblem::field).toList()));
		this.missing = List.copyOf(missing);
	}

	public List<FieldProblem> missing() {
		return missing;
	}

	@Override
	public List<FieldProblem> fields() {
		return missing;
	}

}
