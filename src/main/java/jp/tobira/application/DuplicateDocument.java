package jp.tobira.application;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/** The same bytes are already stored with this application (409). */
public class DuplicateDocument extends Refusal {

	public DuplicateDocument(Document existing) {
		super(Kind.CONFLICT, "Duplicate document", Phrase.of("error.duplicateDocument",
				Phrase.of("document." + existing.type()), existing.version(), existing.fileName()));
	}

	@Override
	public java.util.List<jp.tobira.validation.FieldProblem> fields() {
		return java.util.List.of(new jp.tobira.validation.FieldProblem("file", getMessage()));
	}

}
