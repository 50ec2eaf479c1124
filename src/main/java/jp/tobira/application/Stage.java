package jp.tobira.application;

/** Where a case stands in the lifecycle of ARCHITECTURE.md §2; the process moves it. */
public enum Stage {
	DRAFTING, SUBMITTED, COMPLETENESS_CHECK, REVIEW, DECISION, CLOSED
}
