package jp.tobira.decision;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a token stands in the public register. A recognised token may be suspended and
 * reinstated; revocation and surrender end the recognition for good.
 */
public enum RegisterStatus {

	RECOGNISED, SUSPENDED, REVOKED, SURRENDERED;

	/** The statuses this one may change to; none once the recognition has ended. */
	public Set<RegisterStatus> next() {
		return switch (this) {
			case RECOGNISED -> EnumSet.of(SUSPENDED, REVOKED, SURRENDERED);
			case SUSPENDED -> EnumSet.of(RECOGNISED, REVOKED, SURRENDERED);
			case REVOKED, SURRENDERED -> EnumSet.noneOf(RegisterStatus.class);
		};
	}

	public boolean isFinal() {
		return next().isEmpty();
	}

}
