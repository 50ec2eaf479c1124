package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The statutory clock's rule on hand-checked dates: day 1 is the first business day after
 * submission; days while a request for information is with the issuer (after the day it
 * was sent, up to and including the day of the answer) do not count.
 */
class StatutoryClockTests {

	static final BusinessCalendar CALENDAR = BusinessCalendarTests.CALENDAR;

	@Test
	void fallsDueAcrossGoldenWeek() {
		StatutoryClock clock = clock("2026-04-28");
		// 29 Apr and 2-6 May do not count: 30 Apr is day 1, 1 May day 2, 7 May day 3
		assertThat(clock.readOn(LocalDate.parse("2026-05-07")).day()).isEqualTo(3);
		assertThat(clock.readOn(LocalDate.parse("2026-05-06")).day()).isEqualTo(2);
		assertThat(clock.readOn(LocalDate.parse("2026-04-28")).day()).as("submission day").isZero();
		assertThat(clock.readOn(LocalDate.parse("2026-05-07")).dueDate()).isEqualTo("2026-07-28");
	}

	@Test
	void fallsDueAcrossNewYear() {
		StatutoryClock clock = clock("2026-12-24");
		// 25 Dec day 1, 28 Dec day 2, closure to 3 Jan, 4-8 Jan days 3-7
		assertThat(clock.readOn(LocalDate.parse("2027-01-08")).day()).isEqualTo(7);
		assertThat(clock.readOn(LocalDate.parse("2027-01-01")).day()).isEqualTo(2);
	}

	@Test
	void startsOnTheNextBusinessDayAfterAWeekendOrClosureSubmission() {
		assertThat(clock("2026-11-28").dayOf(1, LocalDate.parse("2026-11-28"))).isEqualTo("2026-11-30");
		assertThat(clock("2026-12-30").dayOf(1, LocalDate.parse("2026-12-30"))).isEqualTo("2027-01-04");
	}

	@Test
	void standsStillWhileARequestIsWithTheIssuerAndMovesTheDueDateByThePause() {
		// submitted 25 Nov 2026: day 60 falls on 26 Feb 2027 without pauses
		assertThat(clock("2026-11-25").readOn(LocalDate.parse("2026-11-25")).dueDate()).isEqualTo("2027-02-26");
		// a request sent on day 10 (9 Dec), answered 14 calendar days later (23 Dec): 10
		// business days paused
		StatutoryClock answered = clock("2026-11-25",
				new ClockPause(LocalDate.parse("2026-12-09"), LocalDate.parse("2026-12-23")));
		ClockReading onAnswer = answered.readOn(LocalDate.parse("2026-12-23"));
		assertThat(onAnswer.day()).isEqualTo(10);
		assertThat(onAnswer.paused()).isFalse();
		assertThat(onAnswer.dueDate()).isEqualTo("2027-03-12");
		assertThat(answered.readOn(LocalDate.parse("2026-12-24")).day()).isEqualTo(11);
	}

	@Test
	void reportsAnOpenRequestAsPausedAndDoesNotAdvance() {
		StatutoryClock open = clock("2026-11-25", new ClockPause(LocalDate.parse("2026-12-09"), null));
		ClockReading sent = open.readOn(LocalDate.parse("2026-12-09"));
		ClockReading later = open.readOn(LocalDate.parse("2026-12-22"));
		assertThat(sent.day()).isEqualTo(10);
		assertThat(later.day()).isEqualTo(10);
		assertThat(later.paused()).isTrue();
		assertThat(later.of()).isEqualTo(60);
		// as if the issuer answered today: 22 Dec is the last paused day, so the due date
		// moved by 9 days
		assertThat(later.dueDate()).isEqualTo(CALENDAR.plusBusinessDays(LocalDate.parse("2027-02-26"), 9));
	}

	@Test
	void isOverdueAfterDaySixty() {
		StatutoryClock clock = clock("2026-11-25");
		assertThat(clock.readOn(LocalDate.parse("2027-02-26")).overdue()).isFalse();
		assertThat(clock.readOn(LocalDate.parse("2027-03-01")).overdue()).isTrue();
		assertThat(clock.readOn(LocalDate.parse("2027-03-01")).day()).isEqualTo(61);
	}

	@Test
	void pausesForARequestSentBeforeGoldenWeekAndAnsweredAfterIt() {
		// Mon 20 Apr: 21-24 Apr days 1-4, Mon 27 Apr day 5, the request sent that day;
		// answered Fri 8 May
		StatutoryClock clock = clock("2026-04-20",
				new ClockPause(LocalDate.parse("2026-04-27"), LocalDate.parse("2026-05-08")));
		assertThat(clock.readOn(LocalDate.parse("2026-04-27")).day()).isEqualTo(5);
		assertThat(clock.readOn(LocalDate.parse("2026-04-30")).day()).as("30 Apr is with the issuer").isEqualTo(5);
		assertThat(clock.readOn(LocalDate.parse("2026-05-08")).day()).as("the day of the answer").isEqualTo(5);
		assertThat(clock.readOn(LocalDate.parse("2026-05-11")).day()).isEqualTo(6);
		// day 10 then falls on Fri 15 May
		assertThat(clock.dayOf(10, LocalDate.parse("2026-05-11"))).isEqualTo("2026-05-15");
	}

	@Test
	void pausesForARequestSentBeforeNewYearAndAnsweredAfterIt() {
		// Tue 1 Dec: 2-4 Dec days 1-3, 7-11 Dec 4-8, 14-18 Dec 9-13, 21-24 Dec 14-17;
		// sent Thu 24 Dec, answered Wed 6 Jan
		StatutoryClock clock = clock("2026-12-01",
				new ClockPause(LocalDate.parse("2026-12-24"), LocalDate.parse("2027-01-06")));
		assertThat(clock.readOn(LocalDate.parse("2026-12-24")).day()).isEqualTo(17);
		assertThat(clock.readOn(LocalDate.parse("2027-01-06")).day()).isEqualTo(17);
		assertThat(clock.readOn(LocalDate.parse("2027-01-07")).day()).isEqualTo(18);
	}

	private static StatutoryClock clock(String submitted, ClockPause... pauses) {
		return new StatutoryClock(LocalDate.parse(submitted), 60, List.of(pauses), CALENDAR);
	}

}
