package jp.tobira.supervision.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.tobira.application.ApplicationContent;
import jp.tobira.checks.Flag;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.supervision.ReserveReport;
import jp.tobira.supervision.ReserveReportFiling;

/**
 * A filed reserve report as the API gives it (DESIGN.md §8): its month ({@code 2026-11})
 * and version, the figures filed, and each check as stored when it was filed, its value
 * and threshold in English, under the rulebook version named.
 */
record ReserveReportView(UUID id, String period, int version, LocalDate asOf, BigDecimal outstandingSupply,
		ApplicationContent.Reserves reserves, BigDecimal reservesTotal, BigDecimal coverageRatio, List<Flag> flags,
		List<CheckView> checks, int rulebookVersion, Map<String, Object> thresholds, LocalDate attestationDate,
		UUID attestationDocumentId, ReserveReportFiling.Redemptions redemptions, String filedBy, Instant filedAt) {

	record CheckView(String code, String value, String threshold, PreScreenEvaluation.Result result, Flag flag) {
	}

	static ReserveReportView of(ReserveReport report) {
		return new ReserveReportView(report.id(), report.period().toString(), report.version(), report.asOf(),
				report.outstandingSupply(), report.reserves(), report.reservesTotal(), report.coverageRatio(),
				report.flags(),
				report.checks()
					.stream()
					.map(c -> new CheckView(c.code(), c.value().english(), c.threshold().english(), c.result(),
							c.flag()))
					.toList(),
				report.rulebookVersion(), report.thresholds(), report.attestationDate(), report.attestationDocumentId(),
				report.redemptions(), report.filedBy(), report.filedAt());
	}

}
