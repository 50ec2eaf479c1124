package jp.tobira.review;

import java.util.List;

import jp.tobira.validation.InvalidInput;

/**
 * What the four supervision tasks share: their due dates, counted in business days from
 * the task's creation (a recognised token has no statutory period), and their forms'
 * rules.
 */
final class SupervisionTasks {

	static final int FOLLOW_UP_BUSINESS_DAYS = 5;

	static final int ASSESSMENT_BUSINESS_DAYS = 10;

	static final int DECISION_BUSINESS_DAYS = 10;

	private SupervisionTasks() {
	}

	static String required(String field, String text) {
		if (text == null || text.isBlank()) {
			throw InvalidInput.of(field, "problem.required");
		}
		if (text.length() > Findings.MAX_TEXT) {
			throw InvalidInput.of(field, "problem.tooLong", Findings.MAX_TEXT);
		}
		return text.strip();
	}

	static String oneOf(String field, String value, List<String> allowed) {
		if (value == null || !allowed.contains(value)) {
			throw InvalidInput.of(field, "problem.oneOf", allowed.toString());
		}
		return value;
	}

}
