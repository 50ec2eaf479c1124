package jp.tobira.application;

import java.time.LocalDate;

/**
 * A stretch when the statutory clock stands still: a request for information with the
 * issuer, from the day it was sent ({@code from}, still counted: the supervisor worked on
 * the case) to the day of the answer ({@code to}, not counted: like a new receipt).
 * {@code to} is {@code null} while the request is open.
 */
public record ClockPause(LocalDate from, LocalDate to) {

	boolean excludes(LocalDate day, LocalDate today) {
		LocalDate end = to == null ? today : to;
		return day.isAfter(from) && !day.isAfter(end);
	}

	boolean open() {
		return to == null;
	}
}
