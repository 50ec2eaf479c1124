package jp.tobira.checks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import jp.tobira.validation.Phrase;

/**
 * One automatic check: what was measured, against what threshold, and the flag it raised.
 * A check that could not be measured (a draft without the data) is
 * {@code evaluated=false}: never counted as passed. What was measured and the threshold
 * are phrases, so a screen shows them in its language; the API gives them in English.
 *
 * @param check a stable id such as {@code RESERVE_COVERAGE}
 * @param measured what was measured, for display
 * @param limit the configured limit, for display
 * @param flag the flag raised, or {@code null}
 */
public record CheckResult(String check, @JsonIgnore Phrase measured, @JsonIgnore Phrase limit, Flag flag,
		boolean evaluated) {

	static CheckResult passed(String check, Phrase measured, Phrase limit) {
		return new CheckResult(check, measured, limit, null, true);
	}

	static CheckResult failed(String check, Phrase measured, Phrase limit, Flag flag) {
		return new CheckResult(check, measured, limit, flag, true);
	}

	static CheckResult notEvaluated(String check, String missing, Phrase limit) {
		return new CheckResult(check, Phrase.of("check.notKnown", Phrase.of("check.missing." + missing)), limit, null,
				false);
	}

	@JsonProperty
	public String value() {
		return measured.english();
	}

	@JsonProperty
	public String threshold() {
		return limit.english();
	}

	public boolean passed() {
		return evaluated && flag == null;
	}
}
