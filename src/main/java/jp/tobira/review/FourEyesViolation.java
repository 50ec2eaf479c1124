package jp.tobira.review;

/** A decision refused because the decider worked on an earlier task of the same case (four eyes, DESIGN.md §2). */
public class FourEyesViolation extends RuntimeException {

	public FourEyesViolation(String user, String reference, java.util.Collection<String> earlierTasks) {
		super(user + " cannot decide case " + reference + ": they completed " + String.join(", ", earlierTasks)
				+ " of this case, and the decision needs a second pair of eyes. Another member of the decision group must decide.");
	}
}
