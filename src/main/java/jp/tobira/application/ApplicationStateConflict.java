package jp.tobira.application;

/** A change the case's current status does not allow, such as editing a submitted application (409). */
public class ApplicationStateConflict extends RuntimeException {

	public ApplicationStateConflict(String message) {
		super(message);
	}
}
