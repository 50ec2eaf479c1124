package jp.tobira.rulebook;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A criterion as one version of the rulebook sets it: switched on or off, and the value
 * of each of its thresholds in canonical form ({@link Threshold#read}).
 */
public record CriterionSetting(Criterion criterion, boolean enabled, Map<String, Object> thresholds) {

	public CriterionSetting {
		thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
	}

	public String code() {
		return criterion.name();
	}

	public Criterion.Kind kind() {
		return criterion.kind();
	}

	public BigDecimal decimal(String threshold) {
		return new BigDecimal(value(threshold).toString());
	}

	public int whole(String threshold) {
		return ((Number) value(threshold)).intValue();
	}

	public List<String> names(String threshold) {
		return ((List<?>) value(threshold)).stream().map(Object::toString).toList();
	}

	private Object value(String threshold) {
		Object value = thresholds.get(threshold);
		if (value == null) {
			throw new IllegalStateException(criterion + " has no threshold " + threshold);
		}
		return value;
	}

	/**
	 * The stored JSON shape: {@code code}, {@code kind}, {@code enabled},
	 * {@code thresholds}.
	 */
	public Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("code", code());
		json.put("kind", kind().name());
		json.put("enabled", enabled);
		json.put("thresholds", thresholds);
		return json;
	}

}
