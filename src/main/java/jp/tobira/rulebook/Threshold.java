package jp.tobira.rulebook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jp.tobira.application.AssetClass;
import jp.tobira.validation.InvalidInput;

/**
 * One threshold a criterion takes: its name in the rulebook's JSON, what kind of value it
 * holds and the bounds a value must keep. A value is read here, once, into its one
 * canonical form (a decimal as its plain string, a whole number as an integer, a list as
 * a list of strings), which is what a version stores and an evaluation copies.
 *
 * @param name the threshold's name, such as {@code minRatio}
 * @param type what it holds
 * @param min the smallest value (for numbers)
 * @param max the largest value (for numbers), or the most entries (for lists)
 */
public record Threshold(String name, Type type, BigDecimal min, BigDecimal max) {

	/** Longest name of a firm on a list. */
	static final int NAME_LENGTH = 200;

	public enum Type {

		/** A ratio or share, such as {@code 1.00}; at most four decimals. */
		DECIMAL,
		/** A whole number of days, months or business days. */
		WHOLE,
		/** Reserve asset classes, by their codes. */
		ASSET_CLASSES,
		/** Names, such as the recognised audit firms. */
		NAMES

	}

	static Threshold decimal(String name, String min, String max) {
		return new Threshold(name, Type.DECIMAL, new BigDecimal(min), new BigDecimal(max));
	}

	static Threshold whole(String name, int min, int max) {
		return new Threshold(name, Type.WHOLE, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
	}

	static Threshold assetClasses(String name) {
		return new Threshold(name, Type.ASSET_CLASSES, BigDecimal.ONE, BigDecimal.valueOf(AssetClass.values().length));
	}

	static Threshold names(String name, int most) {
		return new Threshold(name, Type.NAMES, BigDecimal.ZERO, BigDecimal.valueOf(most));
	}

	/**
	 * The value in its canonical form, or a refusal naming {@code field}.
	 * @param raw a value as JSON or a form gives it: a number or string for numbers, a
	 * list (or a string of lines or commas) for lists
	 */
	public Object read(String field, Object raw) {
		if (raw == null || (raw instanceof String text && text.isBlank())) {
			throw InvalidInput.of(field, "problem.required");
		}
		return switch (type) {
			case DECIMAL -> decimal(field, raw);
			case WHOLE -> whole(field, raw);
			case ASSET_CLASSES -> assetClasses(field, raw);
			case NAMES -> names(field, raw);
		};
	}

	private String decimal(String field, Object raw) {
		BigDecimal value = number(field, raw);
		if (value.scale() > 4 || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw InvalidInput.of(field, "problem.rulebook.decimal", min.toPlainString(), max.toPlainString());
		}
		return value.setScale(Math.max(2, value.stripTrailingZeros().scale())).toPlainString();
	}

	private Integer whole(String field, Object raw) {
		BigDecimal value = number(field, raw);
		if (value.stripTrailingZeros().scale() > 0 || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw InvalidInput.of(field, "problem.rulebook.whole", min.intValue(), max.intValue());
		}
		return value.intValueExact();
	}

	private static BigDecimal number(String field, Object raw) {
		if (!(raw instanceof Number) && !(raw instanceof String)) {
			throw InvalidInput.of(field, "problem.rulebook.number");
		}
		String text = raw.toString().strip();
		if (text.length() > 20) {
			throw InvalidInput.of(field, "problem.rulebook.number");
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of(field, "problem.rulebook.number");
		}
	}

	private List<String> assetClasses(String field, Object raw) {
		LinkedHashSet<AssetClass> classes = new LinkedHashSet<>();
		for (String entry : entries(field, raw)) {
			try {
				classes.add(AssetClass.valueOf(entry));
			}
			catch (IllegalArgumentException ex) {
				throw InvalidInput.of(field, "problem.rulebook.assetClass", entry);
			}
		}
		if (classes.isEmpty()) {
			throw InvalidInput.of(field, "problem.required");
		}
		// in the order of the classes, so two versions with the same classes read alike
		return java.util.Arrays.stream(AssetClass.values()).filter(classes::contains).map(Enum::name).toList();
	}

	private List<String> names(String field, Object raw) {
		LinkedHashSet<String> names = new LinkedHashSet<>();
		for (String entry : entries(field, raw)) {
			if (entry.length() > NAME_LENGTH) {
				throw InvalidInput.of(field, "problem.tooLong", NAME_LENGTH);
			}
			names.add(entry);
		}
		if (names.size() > max.intValue()) {
			throw InvalidInput.of(field, "problem.rulebook.tooMany", max.intValue());
		}
		return List.copyOf(names);
	}

	/**
	 * A list's entries, stripped and without blanks; a form sends one per line (or
	 * separated by commas).
	 */
	private List<String> entries(String field, Object raw) {
		List<String> entries = new ArrayList<>();
		if (raw instanceof List<?> list) {
			if (list.size() > 1000) {
				throw InvalidInput.of(field, "problem.rulebook.tooMany", max.intValue());
			}
			for (Object item : list) {
				if (!(item instanceof String text)) {
					throw InvalidInput.of(field, "problem.rulebook.list");
				}
				entries.add(text);
			}
		}
		else if (raw instanceof String text) {
			entries.addAll(List.of(text.split("[\\r\\n]+" + (type == Type.ASSET_CLASSES ? "|," : ""))));
		}
		else {
			throw InvalidInput.of(field, "problem.rulebook.list");
		}
		// control characters never get this far: web/ControlCharacterGuard and
		// api/JsonBodyText refuse them at the door
		return entries.stream().map(String::strip).filter(e -> !e.isEmpty()).toList();
	}

}
