package jp.tobira.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.CaseClock;
import jp.tobira.application.Stage;
import jp.tobira.decision.Outcome;
import jp.tobira.process.ApplicationProcess;
import jp.tobira.review.CompletenessCheck;
import jp.tobira.review.DecisionTask;

/**
 * The dashboard's figures: open cases by stage, their ageing against the statutory clock,
 * the median days a case spends in each stage (from the engine's task history), and
 * decisions per month by outcome.
 */
@Service
public class CaseStatistics {

	/** Upper bounds of the ageing buckets, in business days of the statutory period. */
	static final int[] AGE_BUCKETS = { 10, 20, 30, 40, 50, 60 };

	/**
	 * The stages a case passes through after submission, in order; each is measured on
	 * its own.
	 */
	static final List<Stage> MEASURED_STAGES = List.of(Stage.COMPLETENESS_CHECK, Stage.REVIEW, Stage.DECISION);

	private final JdbcClient jdbc;

	private final CaseClock caseClock;

	CaseStatistics(JdbcClient jdbc, CaseClock caseClock) {
		this.jdbc = jdbc;
		this.caseClock = caseClock;
	}

	/**
	 * Open cases whose statutory day falls in {@code [from, to]}; {@code to} is null for
	 * the last, open bucket.
	 */
	public record AgeBucket(int from, Integer to, long cases) {
	}

	/**
	 * The decisions taken in one month (Tokyo time), by outcome, every outcome present.
	 */
	public record MonthOfDecisions(YearMonth month, Map<Outcome, Long> byOutcome) {

		public long total() {
			return byOutcome.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * @param openByStage open cases (submitted, in review, awaiting the issuer) by stage,
	 * every stage after submission present
	 * @param ageing open cases by statutory day
	 * @param medianDaysByStage for each stage, the median calendar days the cases that
	 * have left it spent in it; a stage no case has left yet is absent
	 * @param decisionsByMonth oldest month first
	 */
	public record Figures(Map<Stage, Long> openByStage, List<AgeBucket> ageing, Map<Stage, Double> medianDaysByStage,
			List<MonthOfDecisions> decisionsByMonth) {
	}

	@Transactional(readOnly = true)
	public Figures figures() {
		return new Figures(openByStage(), ageing(), medianDaysByStage(), decisionsByMonth());
	}

	private Map<Stage, Long> openByStage() {
		Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
		MEASURED_STAGES.forEach(stage -> byStage.put(stage, 0L));
		jdbc.sql("""
				SELECT stage, count(*) AS n FROM app.application
				WHERE status IN (:open) GROUP BY stage
				""")
			.param("open", ApplicationStatus.openNames())
			.query((rs, row) -> Map.entry(Stage.valueOf(rs.getString("stage")), rs.getLong("n")))
			.list()
			.forEach(e -> byStage.put(e.getKey(), e.getValue()));
		return byStage;
	}

	private List<AgeBucket> ageing() {
		// counted by the clock's day, grouped in the database: every open case's id as a
		// parameter broke the page past 65,535 open cases (issue 15)
		long[] counts = new long[AGE_BUCKETS.length + 1];
		caseClock.openCasesByDay().forEach((day, cases) -> counts[bucketOf(day)] += cases);
		List<AgeBucket> ageing = new ArrayList<>();
		int lower = 0;
		for (int i = 0; i < AGE_BUCKETS.length; i++) {
			ageing.add(new AgeBucket(lower, AGE_BUCKETS[i], counts[i]));
			lower = AGE_BUCKETS[i] + 1;
		}
		ageing.add(new AgeBucket(lower, null, counts[AGE_BUCKETS.length]));
		return ageing;
	}

	/**
	 * A case enters a stage when the first task of the stage starts and leaves it when
	 * the first task of the next stage starts (the decision: when the decision is taken).
	 * Requests for information inside a stage count to it, as the case stands in that
	 * stage while the issuer answers. Cases still in a stage, or that ended in it
	 * (withdrawn, lapsed), are not measured for it.
	 */
	private Map<Stage, Double> medianDaysByStage() {
		Map<Stage, Double> medians = new EnumMap<>(Stage.class);
		jdbc.sql(
				"""
						WITH task AS (
						    SELECT proc_inst_id_, start_time_, end_time_, delete_reason_,
						           CASE task_def_key_ WHEN :completeness THEN 0 WHEN :decision THEN 2 ELSE 1 END AS step
						    FROM public.act_hi_taskinst WHERE proc_def_key_ = :process),
						span AS (
						    SELECT s.step, min(s.start_time_) AS entered,
						           CASE WHEN s.step = 2 THEN max(s.end_time_) FILTER (WHERE s.delete_reason_ = 'completed')
						                ELSE (SELECT min(n.start_time_) FROM task n
						                      WHERE n.proc_inst_id_ = s.proc_inst_id_ AND n.step = s.step + 1) END AS left_at
						    FROM task s GROUP BY s.proc_inst_id_, s.step)
						SELECT step, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - entered)) / 86400.0
						FROM span WHERE left_at IS NOT NULL GROUP BY step ORDER BY step
						""")
			.param("process", ApplicationProcess.KEY)
			.param("completeness", CompletenessCheck.KEY)
			.param("decision", DecisionTask.KEY)
			.query((rs, row) -> Map.entry(MEASURED_STAGES.get(rs.getInt(1)), rs.getDouble(2)))
			.list()
			.forEach(e -> medians.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
		return medians;
	}

	private List<MonthOfDecisions> decisionsByMonth() {
		Map<YearMonth, Map<Outcome, Long>> months = new TreeMap<>();
		jdbc.sql("""
				SELECT to_char(decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, outcome, count(*) AS n
				FROM app.decision GROUP BY 1, 2
				""")
			.query((RowCallbackHandler) rs -> months
				.computeIfAbsent(YearMonth.parse(rs.getString(1)), CaseStatistics::noDecisions)
				.put(Outcome.valueOf(rs.getString(2)), rs.getLong(3)));
		return months.entrySet().stream().map(e -> new MonthOfDecisions(e.getKey(), e.getValue())).toList();
	}

	private static Map<Outcome, Long> noDecisions(YearMonth month) {
		Map<Outcome, Long> none = new EnumMap<>(Outcome.class);
		for (Outcome outcome : Outcome.values()) {
			none.put(outcome, 0L);
		}
		return none;
	}

	/** The index of the bucket a statutory day falls in. */
	static int bucketOf(int day) {
		for (int i = 0; i < AGE_BUCKETS.length; i++) {
			if (day <= AGE_BUCKETS[i]) {
				return i;
			}
		}
		return AGE_BUCKETS.length;
	}

}
