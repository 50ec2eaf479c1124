package jp.tobira.application;

/** Where a case stands in the lifecycle of ARCHITECTURE.md §2; the process moves it. */
public enum Stage {

	DRAFTING, SUBMITTED, COMPLETENESS_CHECK, REVIEW, DECISION, CLOSED;

	/**
	 * The status of a case at work in this stage: the one it enters the stage with, and
	 * the one it returns to when the issuer answers a request for information. A case is
	 * "submitted" until its completeness is confirmed.
	 */
	public ApplicationStatus workingStatus() {
		return switch (this) {
			case SUBMITTED, COMPLETENESS_CHECK -> ApplicationStatus.SUBMITTED;
			case REVIEW, DECISION -> ApplicationStatus.IN_REVIEW;
			case DRAFTING, CLOSED -> throw new IllegalStateException("No case is at work in stage " + this);
		};
	}

}
