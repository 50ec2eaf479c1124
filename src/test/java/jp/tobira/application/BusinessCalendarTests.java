package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The business calendar against a hand-checked calendar. The expected values were counted
 * on a printed calendar for 2026-2027 with the Cabinet Office's holidays (ARCHITECTURE.md
 * §2) and cross-checked with a separate script.
 */
class BusinessCalendarTests {

	/**
	 * ARCHITECTURE.md §2's lists, typed again here rather than read from the migration.
	 */
	static final Set<LocalDate> HOLIDAYS = Stream
		.of("2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-03",
				"2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22",
				"2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23", "2027-01-01", "2027-01-11", "2027-02-11",
				"2027-02-23", "2027-03-21", "2027-03-22", "2027-04-29", "2027-05-03", "2027-05-04", "2027-05-05",
				"2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23", "2027-10-11", "2027-11-03", "2027-11-23")
		.map(LocalDate::parse)
		.collect(Collectors.toSet());

	static final BusinessCalendar CALENDAR = BusinessCalendar.of(HOLIDAYS);

	@Test
	void knowsGoldenWeek2026DayByDay() {
		assertBusinessDays("2026-04-28", "2026-04-30", "2026-05-01", "2026-05-07");
		assertClosed("2026-04-29", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06");
	}

	@Test
	void closesFromTheTwentyNinthOfDecemberToTheThirdOfJanuary() {
		assertBusinessDays("2026-12-28", "2027-01-04");
		assertClosed("2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03");
		// the closure is a rule, so it holds in a year the holiday data does not cover
		assertThat(CALENDAR.isBusinessDay(LocalDate.parse("2030-12-30"))).isFalse();
		assertThat(CALENDAR.isBusinessDay(LocalDate.parse("2031-01-03"))).isFalse();
	}

	@Test
	void knowsSilverWeek2026WithItsCitizensHoliday() {
		assertBusinessDays("2026-09-18", "2026-09-24");
		assertClosed("2026-09-19", "2026-09-20", "2026-09-21", "2026-09-22", "2026-09-23");
	}

	@Test
	void countsTheBusinessDaysOfWholeMonths() {
		// May 2026: 31 days, 10 weekend days, 4-6 May holidays on weekdays
		assertThat(CALENDAR.businessDaysBetween(LocalDate.parse("2026-04-30"), LocalDate.parse("2026-05-31")))
			.isEqualTo(18);
		// January 2027: 31 days, 10 weekend days, 1 Jan (closure) and 11 Jan on weekdays
		assertThat(CALENDAR.businessDaysBetween(LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-31")))
			.isEqualTo(19);
		// September 2026: 30 days, 8 weekend days, 21-23 Sep
		assertThat(CALENDAR.businessDaysBetween(LocalDate.parse("2026-08-31"), LocalDate.parse("2026-09-30")))
			.isEqualTo(19);
	}

	@Test
	void addsBusinessDaysAcrossHolidaysAndTheClosure() {
		assertThat(CALENDAR.plusBusinessDays(LocalDate.parse("2026-04-28"), 3)).isEqualTo("2026-05-07");
		assertThat(CALENDAR.plusBusinessDays(LocalDate.parse("2026-12-25"), 2)).isEqualTo("2027-01-04");
		assertThat(CALENDAR.plusBusinessDays(LocalDate.parse("2026-09-18"), 1)).isEqualTo("2026-09-24");
	}

	@Test
	void saysHowFarItsHolidayDataReaches() {
		assertThat(CALENDAR.coveredUntil()).isEqualTo("2027-12-31");
		assertThat(CALENDAR.covers(LocalDate.parse("2027-12-31"))).isTrue();
		assertThat(CALENDAR.covers(LocalDate.parse("2028-01-01"))).isFalse();
	}

	private static void assertBusinessDays(String... days) {
		for (String day : days) {
			assertThat(CALENDAR.isBusinessDay(LocalDate.parse(day))).as(day + " is a business day").isTrue();
		}
	}

	private static void assertClosed(String... days) {
		for (String day : days) {
			assertThat(CALENDAR.isBusinessDay(LocalDate.parse(day))).as(day + " is closed").isFalse();
		}
	}

}
