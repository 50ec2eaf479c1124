package jp.tobira.application;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The pinned status values of ARCHITECTURE.md §8. */
public enum ApplicationStatus {

	DRAFT, SUBMITTED, IN_REVIEW, AWAITING_ISSUER, APPROVED, REJECTED, WITHDRAWN, LAPSED;

	private static final Set<ApplicationStatus> CLOSED = EnumSet.of(APPROVED, REJECTED, WITHDRAWN, LAPSED);

	/** A case submitted and not yet closed: the cases the supervisor is working on. */
	public static final Set<ApplicationStatus> OPEN = Collections
		.unmodifiableSet(EnumSet.of(SUBMITTED, IN_REVIEW, AWAITING_ISSUER));

	/**
	 * {@link #OPEN} as SQL literals, for a query's {@code status IN (...)}: constants of
	 * the code, never input, and the same list as the predicate of the partial indexes on
	 * the open cases (V23, V32, V34), which PostgreSQL can use only where it sees the
	 * values in the statement; bound as parameters, a plan PostgreSQL keeps for every
	 * value could not.
	 */
	public static String openLiterals() {
		return OPEN.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));
	}

	public boolean isClosed() {
		return CLOSED.contains(this);
	}

}
