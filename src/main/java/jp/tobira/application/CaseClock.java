package jp.tobira.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The statutory clock of a case: from its submission, with its requests for information as pauses. */
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

	/** The business day by which a task should be done: day K of the period, K configured per task. */
	public Optional<LocalDate> dueDate(Application application, String taskKey) {
		return clockOf(application).map(statutory -> statutory.dayOf(properties.dueDayOf(taskKey), today(application)));
	}

	public ZoneId zone() {
		return clock.getZone();
	}

	private Optional<StatutoryClock> clockOf(Application application) {
		if (application.submittedAt() == null) {
			return Optional.empty();
		}
		ZoneId zone = clock.getZone();
		List<ClockPause> pauses = rfis.of(application.id())
			.stream()
			.map(rfi -> new ClockPause(LocalDate.ofInstant(rfi.raisedAt(), zone),
					rfi.closedAt() == null ? null : LocalDate.ofInstant(rfi.closedAt(), zone)))
			.toList();
		return Optional.of(new StatutoryClock(LocalDate.ofInstant(application.submittedAt(), zone),
				properties.standardPeriodBusinessDays(), pauses, holidays.calendar()));
	}

	/** A closed case's clock stops on the day it closed. */
	private LocalDate today(Application application) {
		LocalDate today = LocalDate.now(clock);
		return application.status().isClosed() ? LocalDate.ofInstant(application.updatedAt(), clock.getZone()) : today;
	}
}
