package jp.tobira.application;

import java.util.List;

import jp.tobira.validation.FieldProblem;

/** Submission refused because required fields or documents are missing (422), each named. */
public class ApplicationIncomplete extends RuntimeException {

	private final List<FieldProblem> missing;

	public ApplicationIncomplete(List<FieldProblem> missing) {
		super("The application is not complete: "
				+ missing.stream().map(FieldProblem::field).reduce((a, b) -> a + ", " + b).orElse(""));
		this.missing = List.copyOf(missing);
	}

	public List<FieldProblem> missing() {
		return missing;
	}
}
