package jp.tobira.application;

/** An answer sent when no request for information is open (409). */
public class NoOpenRequest extends ApplicationStateConflict {

	public NoOpenRequest(Reference reference) {
		super(jp.tobira.validation.Phrase.of("error.noOpenRequest", reference.value()));
	}

}
