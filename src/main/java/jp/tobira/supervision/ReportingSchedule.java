package jp.tobira.supervision;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.decision.Register;
import jp.tobira.decision.RegisterStatus;

/**
 * Which monthly reports a token under supervision owes, as the issuer's screens show it:
 * the month whose report is due next, with its due day, and every month past its due day
 * with no report. Counted as the supervision process counts it: from the month of
 * recognition, by {@link ReportingCalendar} on today in Tokyo, a month overdue once its
 * due day is over ({@code process/SupervisionCalendar}'s timer fires at the end of that
 * day), and any version of a month's report being the month's report. A token whose
 * supervision has ended (revoked, surrendered) owes nothing.
 */
@Service
public class ReportingSchedule {

	private final Supervision supervision;

	private final ReserveReports reports;

	private final Register register;

	private final ReportingCalendar calendar;

	private final Clock clock;

	ReportingSchedule(Supervision supervision, ReserveReports reports, Register register, ReportingCalendar calendar,
			Clock clock) {
		this.supervision = supervision;
		this.reports = reports;
		this.register = register;
		this.calendar = calendar;
		this.clock = clock;
	}

	/** A month's report and the last day it is on time. */
	public record Due(YearMonth period, LocalDate dueDay) {
	}

	/**
	 * What a token under supervision owes today.
	 *
	 * @param next the month whose report is due next (never overdue)
	 * @param overdue the months past their due day with no report, oldest first
	 */
	public record Owed(Due next, List<Due> overdue) {

		public boolean isOverdue() {
			return !overdue.isEmpty();
		}
	}

	/**
	 * What the token owes; empty for a token not under supervision. No access check: for
	 * a case, or a list of cases, already read for its reader.
	 */
	@Transactional(readOnly = true)
	public Optional<Owed> owedBy(ApplicationId id) {
		Optional<Supervision.State> state = supervision.of(id).filter(found -> !found.ended());
		RegisterStatus status = register.statusOf(id).orElse(null);
		if (state.isEmpty() || (status != RegisterStatus.RECOGNISED && status != RegisterStatus.SUSPENDED)) {
			return Optional.empty();
		}
		Set<YearMonth> filed = reports.reportsOf(id).stream().map(ReserveReport::period).collect(Collectors.toSet());
		return Optional.of(owed(state.get().firstPeriod(), filed, LocalDate.now(clock)));
	}

	/**
	 * From the first month on, up to today's (whose report cannot be filed before it is
	 * over, so it is never filed yet): each month with no report is overdue once its due
	 * day is over, and the first one that is not is the one due next.
	 */
	Owed owed(YearMonth first, Set<YearMonth> filed, LocalDate today) {
		List<Due> overdue = new ArrayList<>();
		Due next = null;
		for (YearMonth month = first; !month.isAfter(YearMonth.from(today)); month = month.plusMonths(1)) {
			if (filed.contains(month)) {
				continue;
			}
			if (calendar.isOverdue(month, today)) {
				overdue.add(new Due(month, calendar.dueDay(month)));
			}
			else if (next == null) {
				next = new Due(month, calendar.dueDay(month));
			}
		}
		if (next == null) {
			// the first month is later than today's: not yet possible, but owed all the
			// same
			next = new Due(first, calendar.dueDay(first));
		}
		return new Owed(next, List.copyOf(overdue));
	}

}
