package jp.tobira.supervision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.checks.Flag;
import jp.tobira.checks.PreScreenEvaluation;

/**
 * A filed monthly reserve report as it was stored: the figures filed, and what its checks
 * measured then, against the thresholds of the rulebook version then in force. Read as
 * stored, never recomputed.
 *
 * @param version 1 for the month's first report, one more for each later one
 * @param attestationDocumentId the case's {@code RESERVE_ATTESTATION} document
 * @param thresholds the thresholds of the criteria the version switched on, as
 * {@code CODE.threshold}
 */
public record ReserveReport(UUID id, ApplicationId applicationId, YearMonth period, int version, LocalDate asOf,
		BigDecimal outstandingSupply, ApplicationContent.Reserves reserves, BigDecimal reservesTotal,
		BigDecimal coverageRatio, LocalDate attestationDate, UUID attestationDocumentId,
		ReserveReportFiling.Redemptions redemptions, int rulebookVersion, Map<String, Object> thresholds,
		List<PreScreenEvaluation.Check> checks, List<Flag> flags, String filedBy, Instant filedAt) {

	public boolean flagged() {
		return !flags.isEmpty();
	}

}
