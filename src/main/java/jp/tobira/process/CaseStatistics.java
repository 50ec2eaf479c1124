package jp.tobira.process;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.CaseClock;
import jp.tobira.application.ClockReading;

/**
 * The dashboard's figures: open cases by stage, their ageing against the statutory clock, the median time each
 * kind of task took (from the engine's task history), and decisions per month.
 */
@Service
public class CaseStatistics {

	/** Buckets of the statutory clock, in business days. */
	static final int[] AGE_BUCKETS = { 10, 20, 30, 40, 50, 60 };

	private final JdbcClient jdbc;

	private final CaseClock caseClock;

	CaseStatistics(JdbcClient jdbc, CaseClock caseClock) {
		this.jdbc = jdbc;
		this.caseClock = caseClock;
	}

	public record Figures(Map<String, Long> openByStage, Map<String, Long> ageing, Map<String, Double> medianDaysByTask,
			Map<String, Map<String, Long>> decisionsByMonth) {
	}

	@Transactional(readOnly = true)
	public Figures figures() {
		Map<String, Long> byStage = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT stage, count(*) AS n FROM app.application
				WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER') GROUP BY stage ORDER BY stage
				""").query((rs, row) -> Map.entry(rs.getString("stage"), rs.getLong("n"))).list()
			.forEach(e -> byStage.put(e.getKey(), e.getValue()));

		Map<ApplicationId, Instant> open = new LinkedHashMap<>();
		jdbc.sql("SELECT id, submitted_at FROM app.application WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER')")
			.query((rs, row) -> Map.entry(new ApplicationId(rs.getObject("id", UUID.class)),
					rs.getTimestamp("submitted_at").toInstant()))
			.list()
			.forEach(e -> open.put(e.getKey(), e.getValue()));
		Map<String, Long> ageing = new LinkedHashMap<>();
		int lower = 0;
		for (int upper : AGE_BUCKETS) {
			ageing.put(lower + "–" + upper, 0L);
			lower = upper + 1;
		}
		ageing.put("> " + AGE_BUCKETS[AGE_BUCKETS.length - 1], 0L);
		for (ClockReading reading : caseClock.readOpen(open).values()) {
			ageing.merge(bucketOf(reading.day()), 1L, Long::sum);
		}

		Map<String, Double> medians = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT task_def_key_, percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_) / 86400000.0 AS days
				FROM public.act_hi_taskinst
				WHERE proc_def_key_ = 'equivalence-application' AND end_time_ IS NOT NULL AND delete_reason_ = 'completed'
				GROUP BY task_def_key_ ORDER BY task_def_key_
				""").query((rs, row) -> Map.entry(rs.getString(1), rs.getDouble(2))).list()
			.forEach(e -> medians.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));

		Map<String, Map<String, Long>> decisions = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT to_char(decided_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') AS month, outcome, count(*) AS n
				FROM app.decision GROUP BY 1, 2 ORDER BY 1, 2
				""").query((rs, row) -> List.of(rs.getString(1), rs.getString(2), String.valueOf(rs.getLong(3)))).list()
			.forEach(r -> decisions.computeIfAbsent(r.get(0), m -> new LinkedHashMap<>()).put(r.get(1), Long.valueOf(r.get(2))));
		return new Figures(byStage, ageing, medians, decisions);
	}

	static String bucketOf(int day) {
		int lower = 0;
		for (int upper : AGE_BUCKETS) {
			if (day <= upper) {
				return lower + "–" + upper;
			}
			lower = upper + 1;
		}
		return "> " + AGE_BUCKETS[AGE_BUCKETS.length - 1];
	}
}
