package jp.tobira.worklist;

import java.time.Instant;
import java.util.UUID;

import jp.tobira.worklist.TaskQueues.Filters;

/**
 * A saved view of the task list: a name and the list's filters, its owner's alone or
 * shared with one of their groups or with everyone.
 *
 * @param shared {@code null} for the owner's alone, a group's id, or {@link #EVERYONE}
 */
public record TaskView(UUID id, String owner, String name, String shared, Filters filters, Instant createdAt) {

	/** Shared with every member of the supervisor's staff; an admin's choice. */
	public static final String EVERYONE = "everyone";

}
