package jp.tobira.decision;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A change of a token's register status that its current status does not allow, such as
 * reinstating a revoked token (409).
 */
public class RegisterStatusConflict extends Refusal {

	RegisterStatusConflict(String reference, RegisterStatus from, RegisterStatus to) {
		super(Kind.CONFLICT, "Conflict", Phrase.of("register.status.conflict", reference, from.name(), to.name()));
	}

}
