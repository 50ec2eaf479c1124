package jp.tobira.application;

import java.time.LocalDate;
import java.util.List;

/**
 * The standard processing period of a case, counted in business days (ARCHITECTURE.md
 * §2).
 *
 * <p>
 * The rule, written so that a person can check it with a calendar: the day of submission
 * is not counted (as the Civil Code art. 140 counts periods); day 1 is the first business
 * day after it. A business day on which a request for information is with the issuer is
 * not counted: the day the request is sent still counts, the days after it up to and
 * including the day of the answer do not (the applicant's correction time, Administrative
 * Procedure Act art. 6). The due date is the business day on which day N falls, assuming
 * an open request is answered today and nothing pauses the clock again.
 */
public record StatutoryClock(LocalDate submitted, int period, List<ClockPause> pauses, BusinessCalendar calendar) {

	public StatutoryClock {
		pauses = List.copyOf(pauses);
	}

	public ClockReading readOn(LocalDate today) {
		int day = 0;
		for (LocalDate d = submitted.plusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
			if (counts(d, today)) {
				day++;
			}
		}
		boolean paused = pauses.stream().anyMatch(ClockPause::open);
		return new ClockReading(day, period, paused, dayOf(period, today));
	}

	/**
	 * The business day on which day {@code n} of the period falls, as things stand on
	 * {@code today}.
	 */
	public LocalDate dayOf(int n, LocalDate today) {
		LocalDate d = submitted;
		for (int counted = 0; counted < n;) {
			d = d.plusDays(1);
			if (counts(d, today)) {
				counted++;
			}
		}
		return d;
	}

	private boolean counts(LocalDate day, LocalDate today) {
		return calendar.isBusinessDay(day) && pauses.stream().noneMatch(pause -> pause.excludes(day, today));
	}
}
