package jp.tobira.process;

import java.time.Instant;
import java.util.UUID;

/** A row of a reviewer's task list: the engine's task joined with the case it belongs to. */
public record OpenTask(String id, String taskKey, String name, String assignee, Instant due, Instant created,
		UUID applicationId, String reference, String tokenName, String tokenSymbol, String issuerName,
		String jurisdiction, boolean escalated) {
}
