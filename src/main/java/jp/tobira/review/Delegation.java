package jp.tobira.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A reviewer's delegate for a period, both days included: while it runs, tasks given to
 * the delegator go to the delegate. Names are user names; the display names come along
 * for the screens.
 */
public record Delegation(UUID id, String delegator, String delegatorName, String delegate, String delegateName,
		LocalDate startsOn, LocalDate endsOn, Instant createdAt, Instant endedAt) {

	/** Whether it is in force on the day: not ended, and the day within its period. */
	public boolean runsOn(LocalDate day) {
		return endedAt == null && !day.isBefore(startsOn) && !day.isAfter(endsOn);
	}

}
