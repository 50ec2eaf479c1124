package jp.tobira.application;

import java.util.EnumSet;
import java.util.Set;

/** The pinned status values of ARCHITECTURE.md §8. */
public enum ApplicationStatus {

	DRAFT, SUBMITTED, IN_REVIEW, AWAITING_ISSUER, APPROVED, REJECTED, WITHDRAWN, LAPSED;

	private static final Set<ApplicationStatus> CLOSED = EnumSet.of(APPROVED, REJECTED, WITHDRAWN, LAPSED);

	public boolean isClosed() {
		return CLOSED.contains(this);
	}
}
