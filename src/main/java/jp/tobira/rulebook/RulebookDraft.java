package jp.tobira.rulebook;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an admin asks a new version to say. A criterion left out, or a threshold or
 * {@code enabled} left out of one, keeps what the version in force says: a draft names
 * only what it changes, if it likes.
 *
 * @param effectiveFrom the day the version is to take effect; not before today
 * @param note why the version is drafted
 */
public record RulebookDraft(LocalDate effectiveFrom, String note, List<Change> criteria) {

	/**
	 * @param kind if given, must be the criterion's kind: a draft cannot make advice a
	 * gate or a gate advice
	 */
	public record Change(String code, String kind, Boolean enabled, Map<String, Object> thresholds) {
	}

}
