package jp.tobira.application;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * The supervisor's business days (ARCHITECTURE.md §2): not a Saturday or Sunday, not a
 * national holiday (the data of the holiday table), and not 29 December – 3 January, the
 * administrative year-end closure, which is a rule for every year. Beyond the years the
 * holiday data covers only weekends and the closure are known; {@link #covers} tells
 * callers (and the admin dashboard) when that is the case.
 */
public final class BusinessCalendar {

	private static final MonthDay CLOSURE_START = MonthDay.of(12, 29);

	private static final MonthDay CLOSURE_END = MonthDay.of(1, 3);

	private final Set<LocalDate> holidays;

	private final LocalDate coveredUntil;

	/**
	 * @param holidays the national holidays
	 * @param coveredUntil the last day the holiday data speaks for (31 December of its
	 * last year)
	 */
	public BusinessCalendar(Set<LocalDate> holidays, LocalDate coveredUntil) {
		this.holidays = Set.copyOf(holidays);
		this.coveredUntil = coveredUntil;
	}

	public static BusinessCalendar of(Set<LocalDate> holidays) {
		LocalDate last = holidays.stream().max(LocalDate::compareTo).orElse(LocalDate.MIN);
		return new BusinessCalendar(holidays, last.equals(LocalDate.MIN) ? last : LocalDate.of(last.getYear(), 12, 31));
	}

	public boolean isBusinessDay(LocalDate day) {
		DayOfWeek weekday = day.getDayOfWeek();
		return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays.contains(day)
				&& !inYearEndClosure(day);
	}

	static boolean inYearEndClosure(LocalDate day) {
		MonthDay monthDay = MonthDay.from(day);
		return !monthDay.isBefore(CLOSURE_START) || !monthDay.isAfter(CLOSURE_END);
	}

	/** The business days after {@code from} up to and including {@code to}. */
	public int businessDaysBetween(LocalDate from, LocalDate to) {
		int count = 0;
		for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
			if (isBusinessDay(day)) {
				count++;
			}
		}
		return count;
	}

	/** The {@code n}-th business day after {@code from} ({@code from} itself for 0). */
	public LocalDate plusBusinessDays(LocalDate from, int n) {
		LocalDate day = from;
		for (int counted = 0; counted < n;) {
			day = day.plusDays(1);
			if (isBusinessDay(day)) {
				counted++;
			}
		}
		return day;
	}

	public boolean covers(LocalDate day) {
		return !day.isAfter(coveredUntil);
	}

	public LocalDate coveredUntil() {
		return coveredUntil;
	}

}
