package jp.tobira.validation;

/**
 * Which characters text may carry into the application, one rule for every door (a JSON
 * body, a form, a query parameter, a path variable, an uploaded file's name).
 * <p>
 * PostgreSQL refuses NUL (U+0000) in every {@code text} and {@code jsonb} value, so a NUL
 * that got past the doors would fail its statement and answer 500. The other control
 * characters (C0, DEL and C1) are refused with it: no field has a use for them, and they
 * hide in logs, CSV exports, letters and on the screens. Free text may span lines, so it
 * keeps tab, CR and LF; a name (a file name, a path variable) is one line and keeps none.
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/**
	 * Whether free text (a body's or a form's field, a query parameter) holds a character
	 * it may not: any control character but tab, CR and LF.
	 */
	public static boolean inText(String value) {
		return value != null
				&& value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n');
	}

	/** Whether a one-line name holds a control character, tab, CR and LF included. */
	public static boolean inName(String value) {
		return value != null && value.chars().anyMatch(Character::isISOControl);
	}

	/** The refusal of one field (its path, a parameter's or a part's name). */
	public static FieldProblem problem(String field) {
		return FieldProblem.of(field, "input.controlCharacter");
	}

}
