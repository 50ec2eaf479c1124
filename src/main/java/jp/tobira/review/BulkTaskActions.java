package jp.tobira.review;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Service;

import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * One action on many tasks: each task goes through {@link ReviewTasks} in a transaction
 * of its own, so a refused task changes nothing and the others go through, each audited
 * as the single action is. Deliberately not transactional itself.
 */
@Service
public class BulkTaskActions {

	/** The most tasks one request may name: a page of the list and then some. */
	public static final int MAX_TASKS = 100;

	public enum Action {

		CLAIM, UNCLAIM, ASSIGN;

		static Action parse(String value) {
			if (value == null) {
				return null;
			}
			try {
				return valueOf(value.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	public enum Outcome {

		DONE, REFUSED

	}

	/** What became of one task; a refused one carries the refusal's reason. */
	public record Result(String taskId, Outcome outcome, Phrase reason) {
	}

	public record Results(Action action, List<Result> results) {

		public long done() {
			return results.stream().filter(result -> result.outcome() == Outcome.DONE).count();
		}

		public List<Result> refused() {
			return results.stream().filter(result -> result.outcome() == Outcome.REFUSED).toList();
		}

	}

	private final ReviewTasks tasks;

	BulkTaskActions(ReviewTasks tasks) {
		this.tasks = tasks;
	}

	/**
	 * Carries out the action on each task in turn, never stopping at a refusal. The
	 * request itself is refused, with nothing done, when its action, tasks or assignee
	 * are not ones it can be (400 naming the field), or when someone outside the decision
	 * group and the admins asks to assign (403).
	 */
	public Results perform(Actor actor, String action, List<String> taskIds, String assignee) {
		List<FieldProblem> problems = new ArrayList<>();
		Action parsed = Action.parse(action);
		if (parsed == null) {
			problems.add(FieldProblem.of("action", "problem.bulk.action"));
		}
		Set<String> ids = new LinkedHashSet<>();
		if (taskIds != null) {
			taskIds.stream().filter(id -> id != null && !id.isBlank()).map(String::strip).forEach(ids::add);
		}
		// the bound is on what was sent, repeats included, so no request is longer to
		// read
		if (ids.isEmpty() || taskIds.size() > MAX_TASKS) {
			problems.add(FieldProblem.of("taskIds", "problem.bulk.taskIds", MAX_TASKS));
		}
		boolean named = assignee != null && !assignee.isBlank();
		if (parsed == Action.ASSIGN && !named) {
			problems.add(FieldProblem.of("assignee", "problem.bulk.assigneeRequired"));
		}
		if (parsed != null && parsed != Action.ASSIGN && named) {
			problems.add(FieldProblem.of("assignee", "problem.bulk.assigneeOnlyToAssign"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		if (parsed == Action.ASSIGN && !actor.isIn(Group.DECISION) && !actor.isIn(Group.ADMIN)) {
			throw new NotAllowedToAssign(actor.username());
		}
		List<Result> results = new ArrayList<>();
		for (String id : ids) {
			try {
				switch (parsed) {
					case CLAIM -> tasks.claim(actor, id);
					case UNCLAIM -> tasks.unclaim(actor, id);
					case ASSIGN -> tasks.assign(actor, id, assignee.strip());
				}
				results.add(new Result(id, Outcome.DONE, null));
			}
			catch (Refusal refusal) {
				results.add(new Result(id, Outcome.REFUSED, refusal.phrase()));
			}
		}
		return new Results(parsed, results);
	}

}
