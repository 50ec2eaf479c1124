package jp.tobira.review;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jp.tobira.validation.InvalidInput;

/**
 * A follow-up date as a person or a client typed it ({@code 2026-12-03}), read alike by
 * the task screen and the API; whether it is past is {@link ReviewTasks#setFollowUp}'s
 * rule.
 */
public final class FollowUpDate {

	private FollowUpDate() {
	}

	public static LocalDate parse(String typed) {
		if (typed == null || typed.isBlank()) {
			throw InvalidInput.of("date", "problem.followUp.dateRequired");
		}
		try {
			return LocalDate.parse(typed.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of("date", "problem.followUp.date");
		}
	}

}
