package jp.tobira.checks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jp.tobira.rulebook.Criterion;
import jp.tobira.validation.Phrase;

/**
 * One run of the automatic checks on a case, as it was stored when it ran: each check's
 * measured value, threshold, result, flag and the pre-screen table's rule that fired,
 * with the configuration it ran under and the date the ages were measured to. Values and
 * thresholds are phrases (bundle keys with their arguments), so each reader gets them in
 * their language from the words stored, not from a recomputation.
 *
 * @param kind {@link Kind#PRE_SCREEN} when the process ran it, {@link Kind#RE_RUN} for a
 * later re-run
 * @param rules the pre-screen table's rules that fired, each {@code flag}, {@code rule}
 * and {@code advice}
 */
public record PreScreenEvaluation(UUID id, UUID applicationId, Kind kind, String evaluatedBy, Instant evaluatedAt,
		LocalDate asOf, Configuration configuration, List<Check> checks, List<FiredRule> rules) {

	public enum Kind {

		PRE_SCREEN, RE_RUN

	}

	public enum Result {

		PASSED, FAILED, NOT_EVALUATED;

		public static Result of(CheckResult result) {
			return !result.evaluated() ? NOT_EVALUATED : result.flag() == null ? PASSED : FAILED;
		}

	}

	/**
	 * The configuration the checks ran under.
	 *
	 * @param rulebookVersion the rulebook version in force, or {@code null} for an
	 * evaluation stored before the rulebook was data
	 * @param thresholds the thresholds of the criteria the version switched on, each as
	 * {@code CODE.threshold} and its value (before the rulebook: each
	 * {@code tobira.checks.*} property then in force)
	 * @param jurisdiction the application's home jurisdiction, or {@code null}
	 * @param jurisdictionStatus its status in the jurisdiction table as the check read
	 * it, or {@code null}
	 */
	public record Configuration(Integer rulebookVersion, Map<String, Object> thresholds, String jurisdiction,
			String jurisdictionStatus) {
	}

	/**
	 * One check as stored; {@code flag} and {@code rule} are {@code null} for a check
	 * that raised none.
	 */
	public record Check(String code, Result result, Phrase value, Phrase threshold, Flag flag, String rule) {

		public boolean passed() {
			return result == Result.PASSED;
		}
	}

	public record FiredRule(String flag, String rule, String advice) {
	}

	/**
	 * The rule that raised a flag, with its advice; {@code null} when the table fired
	 * none for it.
	 */
	public FiredRule ruleFor(Check check) {
		return check.flag() == null ? null
				: rules.stream().filter(r -> check.flag().name().equals(r.flag())).findFirst().orElse(null);
	}

	/**
	 * The stored checks in the shape of a live report, for the views that show either.
	 */
	public CheckReport report() {
		return new CheckReport(checks.stream()
			.map(check -> new CheckResult(check.code(), check.value(), check.threshold(), check.flag(),
					check.result() != Result.NOT_EVALUATED))
			.toList(), configuration.rulebookVersion());
	}

	/**
	 * The configuration in its stored JSON shape ({@code thresholds},
	 * {@code jurisdiction: {code, status}}).
	 */
	public Map<String, Object> configurationJson() {
		return json(configuration);
	}

	// --- the stored JSON form (see V7__pre_screen_evaluation.sql), written and read here
	// only ---

	static Map<String, Object> json(Configuration configuration) {
		Map<String, Object> jurisdiction = new LinkedHashMap<>();
		jurisdiction.put("code", configuration.jurisdiction());
		jurisdiction.put("status", configuration.jurisdictionStatus());
		Map<String, Object> json = new LinkedHashMap<>();
		if (configuration.rulebookVersion() != null) {
			json.put("rulebook", Map.of("version", configuration.rulebookVersion()));
		}
		json.put("thresholds", configuration.thresholds());
		json.put("jurisdiction", jurisdiction);
		return json;
	}

	/**
	 * Checks in their stored JSON shape; a reserve report stores its checks in this shape
	 * too, so one reader reads both.
	 */
	public static List<Map<String, Object>> json(List<Check> checks) {
		return checks.stream().map(check -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("code", check.code());
			json.put("result", check.result().name());
			json.put("value", json(check.value()));
			json.put("threshold", json(check.threshold()));
			json.put("flag", check.flag() == null ? null : check.flag().name());
			json.put("rule", check.rule());
			return json;
		}).toList();
	}

	static List<Map<String, Object>> rulesJson(List<FiredRule> rules) {
		return rules.stream().map(rule -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("flag", rule.flag());
			json.put("rule", rule.rule());
			json.put("advice", rule.advice());
			return json;
		}).toList();
	}

	/**
	 * A phrase as {@code {"key", "args"}}; an argument is a string, a number, a phrase or
	 * a list of these.
	 */
	static Map<String, Object> json(Phrase phrase) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("key", phrase.key());
		json.put("args", phrase.arguments().stream().map(PreScreenEvaluation::argument).toList());
		return json;
	}

	private static Object argument(Object argument) {
		if (argument instanceof Phrase phrase) {
			return json(phrase);
		}
		if (argument instanceof List<?> items) {
			return items.stream().map(PreScreenEvaluation::argument).toList();
		}
		if (argument instanceof Number || argument instanceof String || argument instanceof Boolean) {
			return argument;
		}
		return String.valueOf(argument);
	}

	/**
	 * The order the thresholds are shown in: the criteria's, each criterion's thresholds
	 * in its order (and before the rulebook, the order of the old properties);
	 * PostgreSQL's jsonb keeps its own order of keys.
	 */
	private static final List<String> THRESHOLD_ORDER = thresholdOrder();

	private static List<String> thresholdOrder() {
		List<String> order = new ArrayList<>(
				List.of("tobira.checks.min-coverage-ratio", "tobira.checks.eligible-asset-classes",
						"tobira.checks.max-government-maturity", "tobira.checks.max-attestation-age",
						"tobira.checks.max-audit-age", "tobira.checks.max-redemption-business-days"));
		for (Criterion criterion : Criterion.values()) {
			criterion.thresholds().forEach(threshold -> order.add(criterion.name() + "." + threshold.name()));
		}
		return List.copyOf(order);
	}

	static Configuration configuration(JsonNode json) {
		Map<String, Object> thresholds = new LinkedHashMap<>();
		JsonNode stored = json.path("thresholds");
		THRESHOLD_ORDER.stream().filter(stored::has).forEach(name -> thresholds.put(name, plain(stored.get(name))));
		stored.fields().forEachRemaining(field -> thresholds.putIfAbsent(field.getKey(), plain(field.getValue())));
		JsonNode jurisdiction = json.path("jurisdiction");
		JsonNode version = json.path("rulebook").path("version");
		return new Configuration(version.isNumber() ? version.asInt() : null, thresholds,
				text(jurisdiction.get("code")), text(jurisdiction.get("status")));
	}

	public static List<Check> checks(JsonNode json) {
		List<Check> checks = new ArrayList<>();
		for (JsonNode check : json) {
			String flag = text(check.get("flag"));
			checks.add(new Check(check.get("code").asText(), Result.valueOf(check.get("result").asText()),
					phrase(check.get("value")), phrase(check.get("threshold")),
					flag == null ? null : Flag.valueOf(flag), text(check.get("rule"))));
		}
		return checks;
	}

	static List<FiredRule> rules(JsonNode json) {
		List<FiredRule> rules = new ArrayList<>();
		if (json != null) {
			json.forEach(rule -> rules
				.add(new FiredRule(text(rule.get("flag")), text(rule.get("rule")), text(rule.get("advice")))));
		}
		return rules;
	}

	static Phrase phrase(JsonNode json) {
		List<Object> arguments = new ArrayList<>();
		json.path("args").forEach(argument -> arguments.add(argument(argument)));
		return new Phrase(json.get("key").asText(), arguments);
	}

	private static Object argument(JsonNode json) {
		if (json.isObject() && json.has("key")) {
			return phrase(json);
		}
		if (json.isArray()) {
			List<Object> items = new ArrayList<>();
			json.forEach(item -> items.add(argument(item)));
			return items;
		}
		return plain(json);
	}

	/**
	 * A JSON scalar as the Java value it was written from; numbers keep their kind, so a
	 * bundle formats them alike.
	 */
	private static Object plain(JsonNode json) {
		if (json == null || json.isNull()) {
			return null;
		}
		if (json.isIntegralNumber()) {
			BigInteger value = json.bigIntegerValue();
			return value.bitLength() < 32 ? (Object) value.intValue()
					: value.bitLength() < 64 ? value.longValue() : value;
		}
		if (json.isNumber()) {
			return new BigDecimal(json.asText());
		}
		if (json.isBoolean()) {
			return json.booleanValue();
		}
		if (json.isArray()) {
			List<Object> items = new ArrayList<>();
			json.forEach(item -> items.add(plain(item)));
			return items;
		}
		return json.asText();
	}

	private static String text(JsonNode json) {
		return json == null || json.isNull() ? null : json.asText();
	}
}
