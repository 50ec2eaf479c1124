package jp.tobira.process;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;

import org.springframework.stereotype.Component;

import jp.tobira.supervision.ReportingCalendar;

/**
 * The reporting calendar as the supervision model reads it
 * ({@code ${supervisionCalendar.reportDue(period)}}): a timer fires when the day it names
 * is over in Tokyo, so a report filed at any time on its due day is on time. Months
 * travel through the model as {@code YYYY-MM}, which sort as they follow each other.
 */
@Component("supervisionCalendar")
public class SupervisionCalendar {

	private final ReportingCalendar calendar;

	SupervisionCalendar(ReportingCalendar calendar) {
		this.calendar = calendar;
	}

	/** The end of the due day of the report for {@code period}. */
	public Date reportDue(String period) {
		return endOf(calendar.dueDay(YearMonth.parse(period)));
	}

	/** The end of the grace period of the report for {@code period}. */
	public Date graceEnds(String period) {
		return endOf(calendar.graceEnds(YearMonth.parse(period)));
	}

	public String next(String period) {
		return YearMonth.parse(period).plusMonths(1).toString();
	}

	/** The later of two months, either possibly "" (none yet). */
	public String latest(String one, String other) {
		if (one == null || one.isEmpty()) {
			return other;
		}
		if (other == null || other.isEmpty()) {
			return one;
		}
		return one.compareTo(other) >= 0 ? one : other;
	}

	private static Date endOf(LocalDate day) {
		return Date.from(day.plusDays(1).atStartOfDay(EngineClock.TOKYO).toInstant());
	}

}
