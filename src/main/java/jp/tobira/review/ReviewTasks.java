package jp.tobira.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import jp.tobira.security.Actor;

/**
 * The one door to a case's user tasks: opening, claiming, unclaiming, saving and
 * completing, each authorised against the task's candidate groups and audited. The engine
 * adapter implements it; the screens and the API call it, so no adapter touches the
 * engine.
 */
public interface ReviewTasks {

	/**
	 * An open task the actor may work or see worked (its group's, or their own), with its
	 * case.
	 */
	record TaskOnCase(String id, String taskKey, String name, String assignee, UUID applicationId, Instant due,
			Set<String> candidateGroups, LocalDate followUp) {
	}

	TaskOnCase open(Actor actor, String taskId);

	/**
	 * A task, open or finished, and the case it belongs to, for one who may see it: a
	 * member of one of its candidate groups, or whoever held it. Its history outlives it.
	 */
	record TaskSeen(String id, String taskKey, UUID applicationId, String reference, boolean open) {
	}

	TaskSeen seen(Actor actor, String taskId);

	/**
	 * Whether the four-eyes rule would refuse the actor this task, asked before they fill
	 * in its form; the engine still enforces the rule when they claim or complete it.
	 */
	Optional<FourEyesViolation> fourEyesRefusal(Actor actor, String taskId);

	/**
	 * The reserve report an open supervision task is about: the filing that opened its
	 * event sub-process (an assessment, the suspension decision it led to, a
	 * reinstatement decision). Empty for any other task.
	 */
	Optional<UUID> reserveReportOf(String taskId);

	void claim(Actor actor, String taskId);

	void unclaim(Actor actor, String taskId);

	/**
	 * Gives a task to a member of one of its candidate groups: for the decision group and
	 * admins, who share out the work. A task another reviewer holds is refused; the
	 * four-eyes rule holds for the assignee as it would for their own claim. While the
	 * assignee is away ({@link Delegations}) the task goes to their delegate instead, or,
	 * if the delegate may not take it, the assignment is refused whole
	 * ({@link DelegateCannotTake}).
	 */
	void assign(Actor actor, String taskId, String assignee);

	/**
	 * Sets the follow-up date of a task the actor holds (today or later), or clears it
	 * ({@code null}): the task stays out of "my tasks" until that day. The engine's own
	 * follow-up date; audited.
	 */
	void setFollowUp(Actor actor, String taskId, LocalDate date);

	/**
	 * Keeps a half-filled form with the task, claiming an unclaimed task for the user.
	 */
	void save(Actor actor, String taskId, String formJson);

	/** The form saved with the task, if any. */
	Optional<String> savedForm(Actor actor, String taskId);

	/**
	 * Completes a task with its form. An unclaimed task is claimed for the user first; a
	 * task another user holds is refused. The form's outcome is recorded and the process
	 * moves on, or nothing happens at all.
	 */
	void complete(Actor actor, String taskId, JsonNode form);

}
