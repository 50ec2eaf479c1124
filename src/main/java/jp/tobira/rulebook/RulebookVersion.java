package jp.tobira.rulebook;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One numbered version of the rulebook: every criterion's setting, the day it takes
 * effect, who drafted it and who put it into force. A version never changes once drafted;
 * a change is a new version. The version in force on a day is the approved one with the
 * latest effective date on or before it.
 *
 * @param approvedBy the second admin who put it into force, or {@code null} for a draft
 */
public record RulebookVersion(int version, LocalDate effectiveFrom, List<CriterionSetting> criteria, String note,
		String draftedBy, Instant draftedAt, String approvedBy, Instant approvedAt) {

	/** Where a version stands on a given day. */
	public enum Status {

		/** Drafted, waiting for a second admin. */
		DRAFT,
		/** Approved, to take effect on a later day. */
		SCHEDULED,
		/** The version the checks run under. */
		IN_FORCE,
		/** Approved, and replaced by a later one. */
		SUPERSEDED

	}

	public boolean approved() {
		return approvedBy != null;
	}

	public CriterionSetting setting(Criterion criterion) {
		return criteria.stream()
			.filter(setting -> setting.criterion() == criterion)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Version " + version + " holds no " + criterion));
	}

	/**
	 * This version with one criterion set otherwise: for a test, or a draft's preview;
	 * nothing stores it.
	 */
	public RulebookVersion with(Criterion criterion, boolean enabled, Map<String, Object> thresholds) {
		Map<String, Object> values = new LinkedHashMap<>(setting(criterion).thresholds());
		values.putAll(thresholds);
		List<CriterionSetting> changed = criteria.stream()
			.map(setting -> setting.criterion() == criterion ? new CriterionSetting(criterion, enabled, values)
					: setting)
			.toList();
		return new RulebookVersion(version, effectiveFrom, changed, note, draftedBy, draftedAt, approvedBy, approvedAt);
	}

	public boolean enabled(Criterion criterion) {
		return setting(criterion).enabled();
	}

	/**
	 * The thresholds of the criteria switched on, as {@code CODE.threshold} and value:
	 * what an evaluation keeps of the version it ran under.
	 */
	public Map<String, Object> thresholdsInForce() {
		Map<String, Object> thresholds = new LinkedHashMap<>();
		for (CriterionSetting setting : criteria) {
			if (setting.enabled()) {
				setting.thresholds().forEach((name, value) -> thresholds.put(setting.code() + "." + name, value));
			}
		}
		return thresholds;
	}

}
