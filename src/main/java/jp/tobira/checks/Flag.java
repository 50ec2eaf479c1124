package jp.tobira.checks;

/**
 * The pre-screen's flags (ARCHITECTURE.md §4): advice for the reviewer, never an
 * automatic rejection.
 */
public enum Flag {

	UNDER_BACKED, INELIGIBLE_ASSETS, STALE_ATTESTATION, STALE_AUDIT, SLOW_REDEMPTION, NOT_SEGREGATED, NOT_EQUIVALENT,
	UNDER_ASSESSMENT

}
