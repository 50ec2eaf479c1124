package jp.tobira.review;

/**
 * One automatic check: what was measured, against what threshold, and the flag it raised. A check that could not be
 * measured (a draft without the data) is {@code evaluated=false}: never counted as passed.
 *
 * @param check a stable id such as {@code RESERVE_COVERAGE}
 * @param value what was measured, for display
 * @param threshold the configured limit, for display
 * @param flag the flag raised, or {@code null}
 */
public record CheckResult(String check, String value, String threshold, Flag flag, boolean evaluated) {

	static CheckResult passed(String check, String value, String threshold) {
		return new CheckResult(check, value, threshold, null, true);
	}

	static CheckResult failed(String check, String value, String threshold, Flag flag) {
		return new CheckResult(check, value, threshold, flag, true);
	}

	static CheckResult notEvaluated(String check, String missing, String threshold) {
		return new CheckResult(check, "not known: " + missing + " missing", threshold, null, false);
	}

	public boolean passed() {
		return evaluated && flag == null;
	}
}
