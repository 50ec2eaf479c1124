package jp.tobira.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import jp.tobira.application.Application;
import jp.tobira.checks.Flag;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.Phrase;

/**
 * One user task of a case, whole: its key (the id of its element in the process model,
 * pinned by ARCHITECTURE.md's task keys), the group that works it, the day of the
 * statutory period by which it is due, the fields of its form, the outcomes a reviewer
 * chooses between and what completing it means. The engine adapter, the task screen (one
 * template fragment per task, {@link #fragment()}), the task list and the API all read it
 * here, so a task's meaning has one home.
 */
public interface TaskDefinition {

	/** The task's key: the user task's id in {@code equivalence-application.bpmn}. */
	String key();

	/** The candidate group the model gives the task. */
	Group group();

	/**
	 * The business day of the statutory period by which the task should be done: its due
	 * date.
	 */
	int dueDay();

	/**
	 * The form's shape: a record whose components are the fields of the JSON the task is
	 * completed with.
	 */
	Class<? extends Record> form();

	/**
	 * The outcomes a reviewer chooses between, in the order the screen offers them; empty
	 * where there is one.
	 */
	List<String> outcomes();

	/**
	 * The pre-screen's flags that this task may not overrule (they belong to another task
	 * or to no one).
	 */
	default Set<Flag> notOverrulable() {
		return Set.of();
	}

	/**
	 * Records the form's outcome through the feature's services, or refuses the form
	 * naming the field.
	 * @return the outcome the process model's gateway after this task reads, or
	 * {@code null} where none does
	 */
	Object complete(Actor actor, Application application, JsonNode form);

	/**
	 * The task's name in the reader's language, from the bundles ({@code task.<key>}), as
	 * every screen names it.
	 */
	static Phrase nameOf(String taskKey) {
		return Phrase.of("task." + taskKey);
	}

	/**
	 * What the task's form offers to choose from, for its fragment (such as the items of
	 * a checklist); nothing by default.
	 */
	default Map<String, Object> formModel() {
		return Map.of();
	}

	/**
	 * The template fragment that draws the task's form:
	 * {@code templates/tasks/forms/<key>.html}.
	 */
	default String fragment() {
		return "tasks/forms/" + key();
	}

}
