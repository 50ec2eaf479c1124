package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.TobiraIntegrationTest;

/**
 * The holiday table as the migration seeds it, against the Cabinet Office's list for 2026
 * and 2027 copied by hand from ARCHITECTURE.md §2: not one day more or less, substitute
 * and citizens' holidays included.
 */
@TobiraIntegrationTest
class HolidaysIntegrationTests {

	static final List<LocalDate> CABINET_OFFICE_2026_2027 = Stream.of(
			// 2026
			"2026-01-01", "2026-01-12", "2026-02-11", "2026-02-23", "2026-03-20", "2026-04-29", "2026-05-03",
			"2026-05-04", "2026-05-05", "2026-05-06", "2026-07-20", "2026-08-11", "2026-09-21", "2026-09-22",
			"2026-09-23", "2026-10-12", "2026-11-03", "2026-11-23",
			// 2027
			"2027-01-01", "2027-01-11", "2027-02-11", "2027-02-23", "2027-03-21", "2027-03-22", "2027-04-29",
			"2027-05-03", "2027-05-04", "2027-05-05", "2027-07-19", "2027-08-11", "2027-09-20", "2027-09-23",
			"2027-10-11", "2027-11-03", "2027-11-23")
		.map(LocalDate::parse)
		.toList();

	@Autowired
	Holidays holidays;

	/**
	 * Only the seeded years: an admin may add the next one, and other tests share the
	 * database.
	 */
	@Test
	void seedsExactlyTheCabinetOfficeListFor2026And2027() {
		assertThat(holidays.all()).extracting(Holiday::day)
			.filteredOn(day -> day.getYear() == 2026 || day.getYear() == 2027)
			.containsExactlyElementsOf(CABINET_OFFICE_2026_2027);
	}

	@Test
	void namesEveryHolidayInBothLanguages() {
		assertThat(holidays.all()).allSatisfy(holiday -> {
			assertThat(holiday.nameEn()).isNotBlank();
			assertThat(holiday.nameJa()).isNotBlank();
		});
		assertThat(holidays.all()).filteredOn(h -> h.day().equals(LocalDate.parse("2026-09-22")))
			.singleElement()
			.extracting(Holiday::nameEn)
			.isEqualTo("Citizens' holiday");
	}

	@Test
	void closesTheCalendarOnEverySeededHoliday() {
		BusinessCalendar calendar = holidays.calendar();
		assertThat(CABINET_OFFICE_2026_2027).noneMatch(calendar::isBusinessDay);
		assertThat(calendar.coveredUntil()).isAfterOrEqualTo(LocalDate.parse("2027-12-31"));
	}

}
