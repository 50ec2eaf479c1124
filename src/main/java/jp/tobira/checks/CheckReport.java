package jp.tobira.checks;

import java.util.List;
import java.util.Objects;

/**
 * Every automatic check of a case, in a fixed order, and the rulebook version they ran
 * under ({@code null} when not known, as for a report rebuilt from an evaluation stored
 * before the rulebook was data).
 */
public record CheckReport(List<CheckResult> results, Integer rulebookVersion) {

	public CheckReport(List<CheckResult> results) {
		this(results, null);
	}

	public List<Flag> flags() {
		return results.stream().map(CheckResult::flag).filter(Objects::nonNull).distinct().toList();
	}

	public boolean passed() {
		return results.stream().allMatch(CheckResult::passed);
	}

	public CheckResult result(String check) {
		return results.stream().filter(r -> r.check().equals(check)).findFirst().orElseThrow();
	}
}
