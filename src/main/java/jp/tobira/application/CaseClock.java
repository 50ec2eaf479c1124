package jp.tobira.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	private final JdbcClient jdbc;

	CaseClock(Holidays holidays, RequestsForInformation rfis, StatutoryClockProperties properties, Clock clock,
			JdbcClient jdbc) {
		this.holidays = holidays;
		this.rfis = rfis;
		this.properties = properties;
		this.clock = clock;
		this.jdbc = jdbc;
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
	 * The open cases counted by stage and, for the dashboard's ageing, by the day of
	 * their statutory clock, in one statement. A clock depends only on the day of
	 * submission and the days of the case's requests for information, so the database
	 * groups the open cases by stage and those days and counts them, and each distinct
	 * clock is read once: what crosses the wire and the work here grow with the days, not
	 * with the cases, and no case id is a parameter (a statement has at most 65,535 of
	 * them). Every open case is counted by stage and day of submission straight from the
	 * partial index of the open cases by both ({@code application_open_by_stage_and_day},
	 * V32), in its order, with no join; the few with requests for information are grouped
	 * again with them, and moved here from the clock without pauses to their own. Joined
	 * to the requests to leave those out (V23), the count took 100 ms of the dashboard's
	 * 200 at 100,000 open cases (issue 15). The open statuses and the zone are written
	 * into the statement, not bound, so that the planner can use that index: both are
	 * constants of the code, never input.
	 */
	public OpenCases openCases() {
		LocalDate today = LocalDate.now(clock);
		BusinessCalendar calendar = holidays.calendar();
		Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
		Map<Integer, Long> byDay = new TreeMap<>();
		String zone = "'" + clock.getZone().getId() + "'";
		jdbc.sql("""
				SELECT a.stage, (a.submitted_at AT TIME ZONE %2$s)::date AS submitted, NULL::date[] AS raised,
				       NULL::date[] AS closed, count(*) AS cases
				FROM app.application a
				WHERE a.status IN (%1$s)
				GROUP BY a.stage, 2
				UNION ALL
				SELECT stage, submitted, raised, closed, count(*) FROM (
				    SELECT a.stage, (a.submitted_at AT TIME ZONE %2$s)::date AS submitted,
				           array_agg((r.raised_at AT TIME ZONE %2$s)::date ORDER BY r.raised_at, r.id) AS raised,
				           array_agg((r.closed_at AT TIME ZONE %2$s)::date ORDER BY r.raised_at, r.id) AS closed
				    FROM app.rfi r JOIN app.application a ON a.id = r.application_id
				    WHERE a.status IN (%1$s)
				    GROUP BY a.id) AS paused
				GROUP BY stage, submitted, raised, closed
				""".formatted(ApplicationStatus.openLiterals(), zone)).query((RowCallbackHandler) rs -> {
			long cases = rs.getLong("cases");
			java.sql.Array raised = rs.getArray("raised");
			if (raised == null) {
				// every open case, counted once here
				byStage.merge(Stage.valueOf(rs.getString("stage")), cases, Long::sum);
			}
			java.sql.Date submitted = rs.getDate("submitted");
			if (submitted != null) {
				int unpaused = dayOn(today, submitted.toLocalDate(), List.of(), calendar);
				if (raised == null) {
					byDay.merge(unpaused, cases, Long::sum);
				}
				else {
					// cases with requests, counted above with the clock of their day
					// alone: moved to the clock their pauses give it
					byDay.merge(unpaused, -cases, Long::sum);
					byDay.merge(dayOn(today, submitted.toLocalDate(), pauses(raised, rs.getArray("closed")), calendar),
							cases, Long::sum);
				}
			}
		});
		byDay.values().removeIf(cases -> cases == 0);
		return new OpenCases(byStage, byDay);
	}

	/** The statutory day on {@code today} of a case submitted on {@code submitted}. */
	private int dayOn(LocalDate today, LocalDate submitted, List<ClockPause> pauses, BusinessCalendar calendar) {
		return new StatutoryClock(submitted, properties.standardPeriodBusinessDays(), pauses, calendar).readOn(today)
			.day();
	}

	/**
	 * The open cases (submitted, in review, awaiting the issuer) by stage, and those
	 * submitted by the day their statutory clock stands on today.
	 */
	public record OpenCases(Map<Stage, Long> byStage, Map<Integer, Long> byDay) {
	}

	/**
	 * The pauses of one group of cases, as the days their requests were raised and
	 * closed.
	 */
	private static List<ClockPause> pauses(java.sql.Array raised, java.sql.Array closed) throws java.sql.SQLException {
		if (raised == null) {
			return List.of();
		}
		java.sql.Date[] from = (java.sql.Date[]) raised.getArray();
		java.sql.Date[] to = (java.sql.Date[]) closed.getArray();
		List<ClockPause> pauses = new java.util.ArrayList<>();
		for (int i = 0; i < from.length; i++) {
			pauses.add(new ClockPause(from[i].toLocalDate(), to[i] == null ? null : to[i].toLocalDate()));
		}
		return pauses;
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
