package jp.tobira.supervision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.tobira.application.BusinessCalendar;

/**
 * When a month's reserve report is due and when its grace ends, in the statutory
 * calendar's business days: weekends, the holiday table and the year-end closure do not
 * count.
 */
class ReportingCalendarTests {

	/** Coming of Age Day 2027, a Monday. */
	static final LocalDate COMING_OF_AGE_DAY = LocalDate.of(2027, 1, 11);

	final BusinessCalendar calendar = BusinessCalendar.of(Set.of(COMING_OF_AGE_DAY, LocalDate.of(2026, 11, 23)));

	final ReportingCalendar tenAndFive = new ReportingCalendar(10, 5, () -> calendar);

	@Test
	void aMonthsReportIsDueOnTheTenthBusinessDayOfTheNextMonth() {
		// December 2026 begins on a Tuesday: 1–4, 7–11, 14 are its first ten business
		// days
		assertThat(tenAndFive.dueDay(YearMonth.of(2026, 11))).isEqualTo(LocalDate.of(2026, 12, 14));
		assertThat(tenAndFive.graceEnds(YearMonth.of(2026, 11))).isEqualTo(LocalDate.of(2026, 12, 21));
	}

	@Test
	void theYearEndClosureWeekendsAndAHolidayPushTheDueDayBack() {
		// January 2027: 1–3 closed, 9–10 a weekend, 11 a holiday; 4–8 and 12–15, 18 count
		assertThat(tenAndFive.dueDay(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2027, 1, 18));
		// grace: 19, 20, 21, 22 and, after the weekend, 25
		assertThat(tenAndFive.graceEnds(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2027, 1, 25));
		BusinessCalendar withoutHolidays = BusinessCalendar.of(Set.of());
		assertThat(new ReportingCalendar(10, 5, () -> withoutHolidays).dueDay(YearMonth.of(2026, 12)))
			.as("without the holiday the tenth business day is a day earlier")
			.isEqualTo(LocalDate.of(2027, 1, 15));
	}

	@Test
	void theDueDayAndTheGraceAreConfigurable() {
		ReportingCalendar fifthAndNone = new ReportingCalendar(5, 0, () -> calendar);
		assertThat(fifthAndNone.dueDay(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2027, 1, 8));
		assertThat(fifthAndNone.graceEnds(YearMonth.of(2026, 12))).isEqualTo(LocalDate.of(2027, 1, 8));
		assertThatThrownBy(() -> new ReportingCalendar(0, 5, () -> calendar))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aReportIsOverdueFromTheDayAfterItsDueDay() {
		YearMonth november = YearMonth.of(2026, 11);
		assertThat(tenAndFive.isOverdue(november, LocalDate.of(2026, 12, 14))).isFalse();
		assertThat(tenAndFive.isOverdue(november, LocalDate.of(2026, 12, 15))).isTrue();
	}

	@Test
	void theFirstMonthReportedOnIsTheMonthOfRecognition() {
		assertThat(tenAndFive.firstPeriod(LocalDate.of(2026, 11, 30))).isEqualTo(YearMonth.of(2026, 11));
	}

}
