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
 * here, so a task's meaning has one home. Each task is one subclass: what it is, given to
 * this constructor, and what completing it means, {@link #complete}.
 */
public abstract class TaskDefinition {

	private final String key;

	private final Group group;

	private final int dueDay;

	private final Class<? extends Record> form;

	private final List<String> outcomes;

	private final Set<Flag> notOverrulable;

	/**
	 * @param key the user task's id in {@code equivalence-application.bpmn}
	 * @param group the candidate group the model gives the task
	 * @param dueDay the business day of the statutory period by which the task should be
	 * done: its due date
	 * @param form the form's shape: a record whose components are the fields of the JSON
	 * the task is completed with
	 * @param outcomes the outcomes a reviewer chooses between, in the order the screen
	 * offers them; empty where there is one
	 * @param notOverrulable the pre-screen's flags that this task may not overrule (they
	 * belong to another task or to no one)
	 */
	protected TaskDefinition(String key, Group group, int dueDay, Class<? extends Record> form, List<String> outcomes,
			Set<Flag> notOverrulable) {
		this.key = key;
		this.group = group;
		this.dueDay = dueDay;
		this.form = form;
		this.outcomes = List.copyOf(outcomes);
		this.notOverrulable = Set.copyOf(notOverrulable);
	}

	public String key() {
		return key;
	}

	public Group group() {
		return group;
	}

	public int dueDay() {
		return dueDay;
	}

	public Class<? extends Record> form() {
		return form;
	}

	public List<String> outcomes() {
		return outcomes;
	}

	public Set<Flag> notOverrulable() {
		return notOverrulable;
	}

	/**
	 * Records the form's outcome through the feature's services, or refuses the form
	 * naming the field.
	 * @return the outcome the process model's gateway after this task reads, or
	 * {@code null} where none does
	 */
	public abstract Object complete(Actor actor, Application application, JsonNode form);

	/**
	 * Whether the task belongs to a recognised token's supervision
	 * ({@code token-supervision.bpmn}) rather than to the application: its due day then
	 * counts business days from the task's creation, not days of the statutory period.
	 */
	public boolean afterRecognition() {
		return false;
	}

	/**
	 * The task's name in the reader's language, from the bundles ({@code task.<key>}), as
	 * every screen names it.
	 */
	public static Phrase nameOf(String taskKey) {
		return Phrase.of("task." + taskKey);
	}

	/**
	 * What the task's form offers to choose from, for its fragment (such as the items of
	 * a checklist); nothing by default.
	 */
	public Map<String, Object> formModel() {
		return Map.of();
	}

	/**
	 * The template fragment that draws the task's form:
	 * {@code templates/tasks/forms/<key>.html}.
	 */
	public String fragment() {
		return "tasks/forms/" + key;
	}

}
