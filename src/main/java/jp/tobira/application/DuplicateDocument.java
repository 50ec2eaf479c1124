package jp.tobira.application;

/** The same bytes are already stored with this application (409). */
public class DuplicateDocument extends RuntimeException {

	public DuplicateDocument(Document existing) {
		super("This file is already stored with the application as " + existing.type() + " version "
				+ existing.version() + " (" + existing.fileName() + ").");
	}
}
