package jp.tobira.application;

import java.util.regex.Pattern;

/**
 * A case's public reference, such as {@code EQ-2026-000123}: the year of the draft and a
 * gap-free counter.
 */
public record Reference(String value) {

	private static final Pattern FORMAT = Pattern.compile("EQ-\\d{4}-\\d{6}");

	public Reference {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("not a case reference: " + value);
		}
	}

	static Reference of(int year, int number) {
		return new Reference("EQ-%04d-%06d".formatted(year, number));
	}

	@Override
	public String toString() {
		return value;
	}
}
