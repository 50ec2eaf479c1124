package jp.tobira.checks;

import java.util.List;
import java.util.Objects;

/** Every automatic check of a case, in a fixed order. */
public record CheckReport(List<CheckResult> results) {

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
