package jp.tobira.application;

import org.springframework.util.unit.DataSize;

import jp.tobira.validation.InvalidInput;

/** A document over the size limit (413). */
public class DocumentTooLarge extends InvalidInput {

	public DocumentTooLarge(DataSize limit) {
		super(java.util.List.of(jp.tobira.validation.FieldProblem.of("file", "problem.tooLarge", limit.toMegabytes())));
	}

	@Override
	public boolean tooLarge() {
		return true;
	}

}
