package jp.tobira.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.tobira.application.BusinessCalendar;

/**
 * What a token under supervision owes on a day, counted as the process counts it: a month
 * with no report is overdue from the day after its due day, the first month that is not
 * is the one due next, and any report of a month settles it.
 */
class ReportingScheduleTests {

	final ReportingCalendar tenAndFive = new ReportingCalendar(10, 5,
			() -> BusinessCalendar.of(Set.of(LocalDate.of(2026, 11, 23))));

	final ReportingSchedule schedule = new ReportingSchedule(null, null, null, tenAndFive, null);

	static final YearMonth OCTOBER = YearMonth.of(2026, 10);

	static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

	static final YearMonth DECEMBER = YearMonth.of(2026, 12);

	@Test
	void onItsDueDayAMonthsMissingReportIsDueNotOverdue() {
		// November's report is due on 14 December 2026 (ReportingCalendarTests)
		ReportingSchedule.Owed owed = schedule.owed(NOVEMBER, Set.of(), LocalDate.of(2026, 12, 14));

		assertThat(owed.isOverdue()).isFalse();
		assertThat(owed.next()).isEqualTo(new ReportingSchedule.Due(NOVEMBER, LocalDate.of(2026, 12, 14)));
	}

	@Test
	void theDayAfterItsDueDayAMonthsMissingReportIsOverdueAndTheNextMonthIsDue() {
		ReportingSchedule.Owed owed = schedule.owed(NOVEMBER, Set.of(), LocalDate.of(2026, 12, 15));

		assertThat(owed.overdue()).containsExactly(new ReportingSchedule.Due(NOVEMBER, LocalDate.of(2026, 12, 14)));
		assertThat(owed.next().period()).isEqualTo(DECEMBER);
	}

	@Test
	void aFiledMonthIsNeitherOverdueNorDueAndEveryMissingOneIsListedOldestFirst() {
		ReportingSchedule.Owed owed = schedule.owed(YearMonth.of(2026, 9), Set.of(OCTOBER), LocalDate.of(2026, 12, 15));

		assertThat(owed.overdue()).extracting(ReportingSchedule.Due::period)
			.containsExactly(YearMonth.of(2026, 9), NOVEMBER);
		assertThat(owed.next().period()).isEqualTo(DECEMBER);
	}

	@Test
	void aMonthReportedOnLateIsNoLongerOverdue() {
		ReportingSchedule.Owed owed = schedule.owed(NOVEMBER, Set.of(NOVEMBER), LocalDate.of(2026, 12, 20));

		assertThat(owed.isOverdue()).isFalse();
		assertThat(owed.next()).isEqualTo(new ReportingSchedule.Due(DECEMBER, tenAndFive.dueDay(DECEMBER)));
	}

}
