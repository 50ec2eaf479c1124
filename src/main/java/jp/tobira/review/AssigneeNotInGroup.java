package jp.tobira.review;

import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * A task can only be given to someone who may work it: a member of one of its candidate
 * groups (422).
 */
public class AssigneeNotInGroup extends Refusal {

	public AssigneeNotInGroup(String assignee, String taskKey, String reference) {
		super(Kind.UNPROCESSABLE, "Not a member of the task's group",
				Phrase.of("error.task.assigneeNotInGroup", assignee, TaskDefinition.nameOf(taskKey), reference));
	}

}
