package jp.tobira.worklist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import jp.tobira.review.TaskDefinition;
import jp.tobira.review.TaskDefinitions;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.worklist.TaskQueues.Filters;
import jp.tobira.worklist.TaskQueues.Queue;
import jp.tobira.worklist.TaskQueues.Sort;

/**
 * What the task list understands as filters, read from what a person or a client sent:
 * the task list page's parameters and a saved view's query both come through here, so a
 * view can only hold what the list can show (including "follow-up due": the tasks whose
 * follow-up date is today or past). Every problem is named by its field at once.
 */
@Component
public class TaskFilters {

	/**
	 * A jurisdiction as the list compares it: two letters, upper case. Not held to
	 * today's ISO list, so a case filed under a code since withdrawn can still be found.
	 */
	private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}");

	private final TaskDefinitions definitions;

	TaskFilters(TaskDefinitions definitions) {
		this.definitions = definitions;
	}

	/**
	 * The filters as sent, each one optional: a saved view's {@code query} in the API,
	 * the page's parameters.
	 */
	public record Requested(String queue, String taskKey, String jurisdiction, Boolean flagged, Boolean overdue,
			Boolean escalated, String sort, Boolean descending, Boolean followUpDue) {

		public static Requested of(Filters filters) {
			return new Requested(filters.queue().name(), filters.taskKey(), filters.jurisdiction(), filters.flagged(),
					filters.overdue(), filters.escalated(), filters.sort().name(), filters.descending(),
					filters.followUpDue());
		}

	}

	public Filters parse(String prefix, Requested requested) {
		return parse(prefix, requested.queue(), requested.taskKey(), requested.jurisdiction(),
				Boolean.TRUE.equals(requested.flagged()), Boolean.TRUE.equals(requested.overdue()),
				Boolean.TRUE.equals(requested.escalated()), Boolean.TRUE.equals(requested.followUpDue()),
				requested.sort(), Boolean.TRUE.equals(requested.descending()));
	}

	public Filters parse(String prefix, String queue, String taskKey, String jurisdiction, boolean flagged,
			boolean overdue, boolean escalated, String sort, boolean descending) {
		return parse(prefix, queue, taskKey, jurisdiction, flagged, overdue, escalated, false, sort, descending);
	}

	/**
	 * The filters, or a refusal naming each field that is not one the list knows;
	 * {@code prefix} goes before each field's name (such as {@code query.} in a view's
	 * JSON). A missing queue is the groups' queue and a missing order is by due day, as
	 * on the page.
	 */
	public Filters parse(String prefix, String queue, String taskKey, String jurisdiction, boolean flagged,
			boolean overdue, boolean escalated, boolean followUpDue, String sort, boolean descending) {
		List<FieldProblem> problems = new ArrayList<>();
		Queue parsedQueue = blank(queue) ? Queue.GROUPS : constant(Queue.class, queue);
		if (parsedQueue == null) {
			problems.add(FieldProblem.of(prefix + "queue", "problem.taskView.queue", names(Queue.values())));
		}
		String key = blank(taskKey) ? null : taskKey.strip();
		if (key != null && definitions.find(key).isEmpty()) {
			problems.add(FieldProblem.of(prefix + "taskKey", "problem.taskView.taskKey",
					String.join(", ", definitions.all().stream().map(TaskDefinition::key).toList())));
		}
		String country = blank(jurisdiction) ? null : jurisdiction.strip().toUpperCase(Locale.ROOT);
		if (country != null && !JURISDICTION.matcher(country).matches()) {
			problems.add(FieldProblem.of(prefix + "jurisdiction", "problem.taskView.jurisdiction"));
		}
		Sort parsedSort = blank(sort) ? Sort.DUE : constant(Sort.class, sort);
		if (parsedSort == null) {
			problems.add(FieldProblem.of(prefix + "sort", "problem.taskView.sort", names(Sort.values())));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		return new Filters(parsedQueue, key, country, flagged, overdue, escalated, followUpDue, parsedSort, descending);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static <E extends Enum<E>> E constant(Class<E> type, String value) {
		try {
			return Enum.valueOf(type, value.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String names(Enum<?>[] values) {
		return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
	}

}
