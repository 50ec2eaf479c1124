package jp.tobira.application;

/**
 * No such case, or one the actor may not see: another issuer's case is answered exactly like a missing one, so that
 * its existence is not revealed.
 */
public class ApplicationNotFound extends RuntimeException {

	public ApplicationNotFound(Object id) {
		super("No application " + id);
	}
}
