package jp.tobira.supervision;

import java.time.YearMonth;
import java.util.UUID;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.Reference;

/**
 * An issuer filed a monthly reserve report for a recognised token. Published inside the
 * filing transaction, after the report and its checks are stored, so the supervision
 * process learns of it in that same transaction or not at all.
 *
 * @param version 1 for a month's first report, one more for each later report of the same
 * month (never an overwrite)
 * @param flagged whether any of the report's checks raised a flag
 */
public record ReserveReportFiled(ApplicationId applicationId, Reference reference, UUID reportId, YearMonth period,
		int version, boolean flagged) {
}
