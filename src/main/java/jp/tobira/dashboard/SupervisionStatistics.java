package jp.tobira.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.decision.RegisterStatus;
import jp.tobira.process.EngineClock;
import jp.tobira.process.TokenSupervision;
import jp.tobira.review.ReportAssessment;
import jp.tobira.supervision.ReportingCalendar;

/**
 * The dashboard's figures after recognition: the monthly reserve reports due and late,
 * the flagged ones, and the tokens by register status. Each is one aggregate in SQL,
 * binding no parameter per case, so it holds at any number of tokens.
 */
@Service
public class SupervisionStatistics {

	private final JdbcClient jdbc;

	private final ReportingCalendar calendar;

	private final Clock clock;

	SupervisionStatistics(JdbcClient jdbc, ReportingCalendar calendar, Clock clock) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * @param dueMonth the month whose reports fall due this month (last month)
	 * @param dueDay the last day its reports are on time
	 * @param due reports of {@code dueMonth} not yet filed while their due day has not
	 * passed (zero once it has: they are late then)
	 * @param late the reports not filed whose due day has passed, every month of every
	 * token still under supervision counted
	 * @param flagged reports with flags filed in the last month, or filed earlier and
	 * still awaiting assessment
	 * @param awaitingAssessment flagged reports whose assessment is open
	 * @param tokensByStatus the register's tokens by status, every status present
	 */
	public record Figures(YearMonth dueMonth, LocalDate dueDay, long due, long late, long flagged,
			long awaitingAssessment, Map<RegisterStatus, Long> tokensByStatus) {
	}

	@Transactional(readOnly = true)
	public Figures figures() {
		LocalDate today = LocalDate.now(clock.withZone(EngineClock.TOKYO));
		YearMonth dueMonth = YearMonth.from(today).minusMonths(1);
		boolean dueMonthLate = calendar.isOverdue(dueMonth, today);
		// the latest month whose report is late if missing: last month's once its due day
		// is over, else the month before
		YearMonth latestLate = dueMonthLate ? dueMonth : dueMonth.minusMonths(1);
		Missing missing = missing(dueMonth, latestLate);
		Timestamp since = Timestamp.from(today.minusMonths(1).atStartOfDay(EngineClock.TOKYO).toInstant());
		Assessments assessments = assessments(since);
		return new Figures(dueMonth, calendar.dueDay(dueMonth), dueMonthLate ? 0 : missing.ofDueMonth(), missing.late(),
				assessments.flagged(), assessments.awaiting(), tokensByStatus());
	}

	private record Missing(long ofDueMonth, long late) {
	}

	/**
	 * The reports a token under supervision owes from its first month on, less those it
	 * has filed (a month's first version is its report being there; later versions change
	 * nothing): for the due month, and for every month up to the latest late one.
	 * Counted, not listed: one pass over the supervisions and one over the reports,
	 * whatever their number. A month is its index, {@code year * 12 + month - 1}, or its
	 * {@code YYYY-MM} text, which sorts the same.
	 */
	private Missing missing(YearMonth dueMonth, YearMonth latestLate) {
		return jdbc.sql("""
				WITH active AS (
				    SELECT application_id, first_period,
				           CAST(left(first_period, 4) AS integer) * 12 + CAST(right(first_period, 2) AS integer) - 1
				               AS first_index
				    FROM app.supervision WHERE ended_as IS NULL),
				owed AS (
				    SELECT count(*) FILTER (WHERE first_period <= :duePeriod) AS of_due_month,
				           coalesce(sum(GREATEST(0, :latestIndex - first_index + 1)), 0) AS up_to_late
				    FROM active),
				filed AS (
				    SELECT count(*) FILTER (WHERE r.period = :duePeriod) AS of_due_month,
				           count(*) FILTER (WHERE r.period <= :latestLate) AS up_to_late
				    FROM app.reserve_report r JOIN active a ON a.application_id = r.application_id
				    WHERE r.version = 1 AND r.period >= a.first_period AND r.period <= :duePeriod)
				SELECT owed.of_due_month - filed.of_due_month AS of_due_month,
				       owed.up_to_late - filed.up_to_late AS late
				FROM owed, filed
				""")
			.param("duePeriod", dueMonth.toString())
			.param("latestLate", latestLate.toString())
			.param("latestIndex", latestLate.getYear() * 12 + latestLate.getMonthValue() - 1)
			.query((rs, row) -> new Missing(rs.getLong("of_due_month"), rs.getLong("late")))
			.single();
	}

	private record Assessments(long flagged, long awaiting) {
	}

	/**
	 * Flagged reports filed since the day, and those still awaiting assessment whenever
	 * filed: an open assessment names its report in a variable local to the filing's
	 * event sub-process (its own execution or the one above it). One statement for both
	 * figures; the open assessments are found among the supervisions' tasks by their
	 * process definition (an index of the engine's), not by a scan of every open task
	 * (which grows with the open cases), and the flagged reports by their partial index
	 * (V23).
	 */
	private Assessments assessments(Timestamp since) {
		return jdbc.sql("""
				WITH assessment AS (
				    SELECT t.execution_id_ FROM public.act_ru_task t
				    WHERE t.proc_def_id_ IN (SELECT d.id_ FROM public.act_re_procdef d WHERE d.key_ = :supervision)
				      AND t.task_def_key_ = :assessment)
				SELECT (SELECT count(*) FROM assessment) AS awaiting,
				       (SELECT count(*) FROM (
				            SELECT r.id FROM app.reserve_report r
				            WHERE jsonb_array_length(r.flags) > 0 AND r.filed_at >= :since
				            UNION
				            SELECT CAST(v.text_ AS uuid) FROM assessment t
				            JOIN public.act_ru_execution x ON x.id_ = t.execution_id_
				            JOIN public.act_ru_variable v ON v.name_ = 'reportId'
				                 AND v.execution_id_ IN (t.execution_id_, x.parent_id_)) AS flagged) AS flagged
				""")
			.param("since", since)
			.param("supervision", TokenSupervision.KEY)
			.param("assessment", ReportAssessment.KEY)
			.query((rs, row) -> new Assessments(rs.getLong("flagged"), rs.getLong("awaiting")))
			.single();
	}

	private Map<RegisterStatus, Long> tokensByStatus() {
		Map<RegisterStatus, Long> byStatus = new EnumMap<>(RegisterStatus.class);
		for (RegisterStatus status : RegisterStatus.values()) {
			byStatus.put(status, 0L);
		}
		jdbc.sql("SELECT status, count(*) FROM app.register_entry GROUP BY status")
			.query((RowCallbackHandler) rs -> byStatus.put(RegisterStatus.valueOf(rs.getString(1)), rs.getLong(2)));
		return byStatus;
	}

}
