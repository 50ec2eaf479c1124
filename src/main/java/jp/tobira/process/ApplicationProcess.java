package jp.tobira.process;

import java.util.Map;

import jp.tobira.review.BackingReview;
import jp.tobira.review.CompletenessCheck;
import jp.tobira.review.DecisionTask;
import jp.tobira.review.HomeRegulatorReply;

/**
 * The names the process model and the Java code share: one place, so none is typed twice.
 * The user tasks' keys are their definitions' ({@link jp.tobira.review.TaskDefinition}).
 */
public final class ApplicationProcess {

	public static final String KEY = "equivalence-application";

	static final String RFI_ANSWERED = "RfiAnswered";

	static final String WITHDRAWN = "ApplicationWithdrawn";

	/**
	 * Process variables: the case's id, and only what gateways and decision tables read.
	 */
	static final class Variables {

		static final String APPLICATION_ID = "applicationId";

		static final String JURISDICTION = "jurisdiction";

		static final String JURISDICTION_STATUS = "jurisdictionStatus";

		static final String COMPLETE = "complete";

		static final String BACKING_OUTCOME = "backingOutcome";

		static final String COOPERATION_OUTCOME = "cooperationOutcome";

		static final String DECISION = "decision";

		/** The variable each task's outcome becomes, for the gateway after it. */
		private static final Map<String, String> OUTCOMES = Map.of(CompletenessCheck.KEY, COMPLETE, BackingReview.KEY,
				BACKING_OUTCOME, HomeRegulatorReply.KEY, COOPERATION_OUTCOME, DecisionTask.KEY, DECISION);

		/**
		 * The variables completing a task sets: its outcome under the name its gateway
		 * reads, if it has one.
		 */
		static Map<String, Object> outcomeOf(String taskKey, Object outcome) {
			String variable = OUTCOMES.getOrDefault(taskKey, TokenSupervision.Variables.OUTCOMES.get(taskKey));
			if (variable == null || outcome == null) {
				return Map.of();
			}
			return Map.of(variable, outcome);
		}

		private Variables() {
		}

	}

	private ApplicationProcess() {
	}

}
