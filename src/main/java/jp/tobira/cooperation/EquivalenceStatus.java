package jp.tobira.cooperation;

/** How the supervisor judges a home jurisdiction's framework. */
public enum EquivalenceStatus {

	EQUIVALENT, UNDER_ASSESSMENT, NOT_EQUIVALENT

}
