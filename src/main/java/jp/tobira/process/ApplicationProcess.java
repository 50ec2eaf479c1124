package jp.tobira.process;

/** The names the process model and the Java code share: one place, so none is typed twice. */
final class ApplicationProcess {

	static final String KEY = "equivalence-application";

	static final String RFI_ANSWERED = "RfiAnswered";

	static final String WITHDRAWN = "ApplicationWithdrawn";

	/** Process variables: the case's id, and only what gateways and decision tables read. */
	static final class Variables {

		static final String APPLICATION_ID = "applicationId";

		static final String JURISDICTION = "jurisdiction";

		static final String JURISDICTION_STATUS = "jurisdictionStatus";

		static final String COMPLETE = "complete";

		static final String BACKING_OUTCOME = "backingOutcome";

		static final String COOPERATION_OUTCOME = "cooperationOutcome";

		static final String DECISION = "decision";

		private Variables() {
		}
	}

	/** The user tasks' definition keys, pinned by DESIGN.md §8. */
	static final class Tasks {

		static final String CHECK_COMPLETENESS = "checkCompleteness";

		static final String REVIEW_BACKING = "reviewBacking";

		static final String REQUEST_HOME_CONFIRMATION = "requestHomeConfirmation";

		static final String RECORD_HOME_REPLY = "recordHomeReply";

		static final String DECIDE = "decide";

		private Tasks() {
		}
	}

	private ApplicationProcess() {
	}
}
