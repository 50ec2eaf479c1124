package jp.tobira.application;

import java.time.LocalDate;

/**
 * "Day X of N" for a case, whether the clock stands still, and the business day on which
 * day N falls if nothing pauses it again.
 */
public record ClockReading(int day, int of, boolean paused, LocalDate dueDate) {

	public boolean overdue() {
		return day > of;
	}
}
