package jp.tobira.application;

/** An answer sent when no request for information is open (409). */
public class NoOpenRequest extends ApplicationStateConflict {

	public NoOpenRequest(Reference reference) {
		super("Application " + reference + " has no open request for information to answer.");
	}
}
