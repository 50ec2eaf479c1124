package jp.tobira.supervision;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.function.Supplier;

import jp.tobira.application.BusinessCalendar;

/**
 * When a month's reserve report is due and when its grace period ends, counted in the
 * statutory calendar's business days ({@link BusinessCalendar}: weekends, the holiday
 * table, the year-end closure). The report for a month is due by the
 * {@code dueBusinessDay}-th business day of the next month; a report not filed by then is
 * overdue, and {@code graceBusinessDays} business days after the due day the supervisor
 * follows it up.
 */
public class ReportingCalendar {

	/** How many business days before the due day the issuer is reminded. */
	static final int REMINDER_BUSINESS_DAYS = 3;

	private final int dueBusinessDay;

	private final int graceBusinessDays;

	private final Supplier<BusinessCalendar> calendar;

	/**
	 * @param calendar read at each question, so a holiday the admin adds counts from then
	 * on
	 */
	public ReportingCalendar(int dueBusinessDay, int graceBusinessDays, Supplier<BusinessCalendar> calendar) {
		if (dueBusinessDay < 1 || graceBusinessDays < 0) {
			throw new IllegalArgumentException(
					"due business day " + dueBusinessDay + " and grace " + graceBusinessDays + " make no calendar");
		}
		this.dueBusinessDay = dueBusinessDay;
		this.graceBusinessDays = graceBusinessDays;
		this.calendar = calendar;
	}

	/** The last day on which the report for {@code period} is on time. */
	public LocalDate dueDay(YearMonth period) {
		return calendar.get().plusBusinessDays(period.atEndOfMonth(), dueBusinessDay);
	}

	/**
	 * The day the issuer is reminded of a report not yet filed: a few business days
	 * before the due day, never before the month's first business day after the period.
	 */
	public LocalDate reminderDay(YearMonth period) {
		return calendar.get()
			.plusBusinessDays(period.atEndOfMonth(), Math.max(1, dueBusinessDay - REMINDER_BUSINESS_DAYS));
	}

	/** The last day of the grace period after the due day; after it, a follow-up. */
	public LocalDate graceEnds(YearMonth period) {
		return calendar.get().plusBusinessDays(dueDay(period), graceBusinessDays);
	}

	/**
	 * The first month a recognised token reports on: the month of its recognition, as of
	 * its last day.
	 */
	public YearMonth firstPeriod(LocalDate recognised) {
		return YearMonth.from(recognised);
	}

	/** Whether on {@code today} the report for {@code period} is late if not filed. */
	public boolean isOverdue(YearMonth period, LocalDate today) {
		return today.isAfter(dueDay(period));
	}

}
