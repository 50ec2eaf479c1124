package jp.tobira.rulebook;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A version that cannot be put into force as it stands: already approved (perhaps by
 * another admin a moment ago), or its effective day has passed.
 */
public class RulebookVersionConflict extends Refusal {

	private RulebookVersionConflict(Kind kind, Phrase phrase) {
		super(kind, "Rulebook version not approvable", phrase);
	}

	static RulebookVersionConflict alreadyApproved(RulebookVersion version) {
		return new RulebookVersionConflict(Kind.CONFLICT,
				Phrase.of("rulebook.error.alreadyApproved", version.version(), version.approvedBy()));
	}

	static RulebookVersionConflict dayPassed(RulebookVersion version) {
		return new RulebookVersionConflict(Kind.UNPROCESSABLE,
				Phrase.of("rulebook.error.dayPassed", version.version(), version.effectiveFrom().toString()));
	}

}
