package jp.tobira.application;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The pinned status values of ARCHITECTURE.md §8. */
public enum ApplicationStatus {

	DRAFT, SUBMITTED, IN_REVIEW, AWAITING_ISSUER, APPROVED, REJECTED, WITHDRAWN, LAPSED;

	private static final Set<ApplicationStatus> CLOSED = EnumSet.of(APPROVED, REJECTED, WITHDRAWN, LAPSED);

	/** A case submitted and not yet closed: the cases the supervisor is working on. */
	public static final Set<ApplicationStatus> OPEN = Collections
		.unmodifiableSet(EnumSet.of(SUBMITTED, IN_REVIEW, AWAITING_ISSUER));

	/**
	 * {@link #OPEN} as the names the database stores, for a query's
	 * {@code status IN (:open)}.
	 */
	public static List<String> openNames() {
		return OPEN.stream().map(Enum::name).toList();
	}

	public boolean isClosed() {
		return CLOSED.contains(this);
	}

}
