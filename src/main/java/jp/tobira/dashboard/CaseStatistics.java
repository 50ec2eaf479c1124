package jp.tobira.dashboard;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.CaseClock;
import jp.tobira.application.Stage;
import jp.tobira.decision.Outcome;

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
		// the open cases by stage and by their clock's day come from one pass over the
		// open cases (issue 15: two passes, and every open case's id once a parameter)
		CaseClock.OpenCases open = caseClock.openCases();
		return new Figures(openByStage(open), ageing(open), medianDaysByStage(), decisionsByMonth());
	}

	private static Map<Stage, Long> openByStage(CaseClock.OpenCases open) {
		Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
		MEASURED_STAGES.forEach(stage -> byStage.put(stage, 0L));
		byStage.putAll(open.byStage());
		return byStage;
	}

	private static List<AgeBucket> ageing(CaseClock.OpenCases open) {
		long[] counts = new long[AGE_BUCKETS.length + 1];
		open.byDay().forEach((day, cases) -> counts[bucketOf(day)] += cases);
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
	 * (withdrawn, lapsed), are not measured for it. Each case's stage starts (and the
	 * decision's completion) are kept side by side as the engine writes its task history
	 * ({@code app.case_stay}, {@code V31__case_stays.sql}), with each stay it has left in
	 * seconds, null until then. One row a case, where the history holds one a task (issue
	 * 15: read at every request, 280,000 rows took 239 ms at 100,000 open cases); and
	 * each stay has an index of the cases that left the stage, whose middle entry (or the
	 * mean of the two middle ones: the median as {@code percentile_cont(0.5)} reads it)
	 * is found by counting the entries and stepping to the middle, where a median over
	 * the rows sorted them all at every request (84 ms at 100,000).
	 */
	private Map<Stage, Double> medianDaysByStage() {
		Map<Stage, Double> medians = new EnumMap<>(Stage.class);
		String columns = STAY_COLUMNS.stream().map(CaseStatistics::median).collect(Collectors.joining(", "));
		jdbc.sql("SELECT " + columns).query((RowCallbackHandler) rs -> {
			for (int step = 0; step < MEASURED_STAGES.size(); step++) {
				double seconds = rs.getDouble(step + 1);
				if (!rs.wasNull()) {
					medians.put(MEASURED_STAGES.get(step), Math.round(seconds / 86400.0 * 10) / 10.0);
				}
			}
		});
		return medians;
	}

	/**
	 * The stays of {@link #MEASURED_STAGES}, in their order, as {@code app.case_stay}
	 * keeps them.
	 */
	private static final List<String> STAY_COLUMNS = List.of("completeness_seconds", "review_seconds",
			"decision_seconds");

	/**
	 * The median of a stay's column, null when no case has left the stage: of n values,
	 * the one at (n - 1) / 2 in order when n is odd, the mean of it and the next when n
	 * is even; both read from the column's partial index.
	 */
	private static String median(String column) {
		return """
				(WITH n AS (SELECT count(*) AS n FROM app.case_stay WHERE %1$s IS NOT NULL)
				 SELECT avg(m.%1$s) FROM (SELECT s.%1$s FROM app.case_stay s WHERE s.%1$s IS NOT NULL ORDER BY s.%1$s
				     OFFSET ((SELECT n FROM n) - 1) / 2 LIMIT 2 - (SELECT n FROM n) %% 2) m)""".formatted(column);
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
