package jp.tobira.process;

import java.util.Map;

import jp.tobira.review.ReinstatementDecision;
import jp.tobira.review.ReportAssessment;
import jp.tobira.review.SuspensionDecision;

/**
 * The names {@code bpmn/token-supervision.bpmn} and the Java code share for a recognised
 * token's supervision: one place, so none is typed twice.
 */
public final class TokenSupervision {

	public static final String KEY = "token-supervision";

	/** A reserve report was filed (a new month, or a new version of one). */
	static final String REPORT_FILED = "ReserveReportFiled";

	/** The issuer surrendered the recognition. */
	static final String SURRENDERED = "TokenSurrendered";

	static final class Variables {

		static final String APPLICATION_ID = ApplicationProcess.Variables.APPLICATION_ID;

		/**
		 * The month being watched, {@code YYYY-MM}: its report's due day is the timer's.
		 */
		static final String PERIOD = "period";

		/**
		 * The latest month a report was filed for, {@code YYYY-MM} ("" before the first):
		 * a month is filed when this is not before it.
		 */
		static final String LAST_FILED_PERIOD = "lastFiledPeriod";

		static final String SUSPENDED = "suspended";

		/** Local to one filing's event sub-process: the report as the event told it. */
		static final String REPORT_PERIOD = "reportPeriod";

		static final String REPORT_VERSION = "reportVersion";

		static final String REPORT_FLAGGED = "reportFlagged";

		static final String REPORT_ID = "reportId";

		static final String ASSESSMENT = "assessment";

		static final String SUSPENSION_DECISION = "suspensionDecision";

		static final String REINSTATE = "reinstate";

		/** The variable each supervision task's outcome becomes, for its gateway. */
		static final Map<String, String> OUTCOMES = Map.of(ReportAssessment.KEY, ASSESSMENT, SuspensionDecision.KEY,
				SUSPENSION_DECISION, ReinstatementDecision.KEY, REINSTATE);

		private Variables() {
		}

	}

	private TokenSupervision() {
	}

}
