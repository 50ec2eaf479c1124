package jp.tobira.validation;

/**
 * What is wrong with one field: its path in the request (such as
 * {@code reserves.assets[0].amount}) and why, in English for the API, and as a phrase for
 * the screens when the rule is the application's own (Bean Validation's messages come
 * already in the request's language).
 */
public record FieldProblem(String field, String message, Phrase phrase) {

	public FieldProblem(String field, String message) {
		this(field, message, null);
	}

	public static FieldProblem of(String field, Phrase phrase) {
		return new FieldProblem(field, phrase.english(), phrase);
	}

	public static FieldProblem of(String field, String key, Object... arguments) {
		return of(field, Phrase.of(key, arguments));
	}
}
