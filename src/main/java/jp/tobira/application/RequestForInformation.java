package jp.tobira.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request for information: what the supervisor asked for, and the issuer's answer once
 * given.
 */
public record RequestForInformation(UUID id, ApplicationId applicationId, String taskKey, List<String> missing,
		String message, String raisedBy, Instant raisedAt, String answer, String answeredBy, Instant answeredAt,
		Instant closedAt, String closedBecause) {

	public boolean isOpen() {
		return closedAt == null;
	}
}
