package jp.tobira.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The statutory clock of a case: from its submission, with its requests for information
 * as pauses.
 */
@Service
public class CaseClock {

	private final Holidays holidays;

	private final RequestsForInformation rfis;

	private final StatutoryClockProperties properties;

	private final Clock clock;

	CaseClock(Holidays holidays, RequestsForInformation rfis, StatutoryClockProperties properties, Clock clock) {
		this.holidays = holidays;
		this.rfis = rfis;
		this.properties = properties;
		this.clock = clock;
	}

	/** The reading today; empty for a draft, whose clock has not started. */
	public Optional<ClockReading> read(Application application) {
		return clockOf(application).map(statutory -> statutory.readOn(today(application)));
	}

	/**
	 * The clocks of open cases, for a page of a list: the requests for information of all
	 * of them are read in one query.
	 */
	public java.util.Map<ApplicationId, ClockReading> readOpen(
			java.util.Map<ApplicationId, java.time.Instant> submitted) {
		var requests = rfis.ofAll(submitted.keySet());
		LocalDate today = LocalDate.now(clock);
		BusinessCalendar calendar = holidays.calendar();
		java.util.Map<ApplicationId, ClockReading> readings = new java.util.HashMap<>();
		submitted.forEach((id, at) -> {
			if (at != null) {
				readings.put(id,
						new StatutoryClock(LocalDate.ofInstant(at, clock.getZone()),
								properties.standardPeriodBusinessDays(), pauses(requests.getOrDefault(id, List.of())),
								calendar)
							.readOn(today));
			}
		});
		return readings;
	}

	/**
	 * The business day by which a task should be done: day K of the period, K its
	 * definition's (or the configured override for the task's key), never past the
	 * period's end.
	 */
	public Optional<LocalDate> dueDate(Application application, String taskKey, int dueDay) {
		return clockOf(application)
			.map(statutory -> statutory.dayOf(properties.dueDayOf(taskKey, dueDay), today(application)));
	}

	public ZoneId zone() {
		return clock.getZone();
	}

	/**
	 * The day the automatic checks measure ages to: the day of submission in the
	 * supervisor's zone, or today for a draft.
	 */
	public LocalDate checksDay(Application application) {
		return application.submittedAt() == null ? LocalDate.now(clock)
				: LocalDate.ofInstant(application.submittedAt(), clock.getZone());
	}

	private Optional<StatutoryClock> clockOf(Application application) {
		if (application.submittedAt() == null) {
			return Optional.empty();
		}
		return Optional.of(new StatutoryClock(LocalDate.ofInstant(application.submittedAt(), clock.getZone()),
				properties.standardPeriodBusinessDays(), pauses(rfis.of(application.id())), holidays.calendar()));
	}

	private List<ClockPause> pauses(List<RequestForInformation> requests) {
		ZoneId zone = clock.getZone();
		return requests.stream()
			.map(rfi -> new ClockPause(LocalDate.ofInstant(rfi.raisedAt(), zone),
					rfi.closedAt() == null ? null : LocalDate.ofInstant(rfi.closedAt(), zone)))
			.toList();
	}

	/** A closed case's clock stops on the day it closed. */
	private LocalDate today(Application application) {
		LocalDate today = LocalDate.now(clock);
		return application.status().isClosed() ? LocalDate.ofInstant(application.updatedAt(), clock.getZone()) : today;
	}

}
