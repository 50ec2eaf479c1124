package jp.tobira.decision;

/** What the decision-maker decides. */
public enum Outcome {

	APPROVE, APPROVE_WITH_CONDITIONS, REJECT;

	public boolean approves() {
		return this != REJECT;
	}

}
