package jp.tobira.review.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.audit.AuditEntry;
import jp.tobira.checks.api.PreScreenView;
import jp.tobira.review.BulkTaskActions;
import jp.tobira.review.PreScreenReRuns;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.TaskHistory;
import jp.tobira.security.TobiraUser;

/**
 * Claiming, unclaiming and completing a task through the JSON API; the list is the
 * worklist's.
 */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "The reviewer's open tasks")
class TasksController {

	private final ReviewTasks tasks;

	private final PreScreenReRuns reRuns;

	private final BulkTaskActions bulk;

	private final TaskHistory history;

	TasksController(ReviewTasks tasks, PreScreenReRuns reRuns, BulkTaskActions bulk, TaskHistory history) {
		this.history = history;
		this.tasks = tasks;
		this.reRuns = reRuns;
		this.bulk = bulk;
	}

	/**
	 * A bulk action: {@code action} is {@code claim}, {@code unclaim} or {@code assign}
	 * (with {@code assignee}).
	 */
	record BulkRequest(String action, List<String> taskIds, String assignee) {
	}

	record BulkResult(String taskId, BulkTaskActions.Outcome outcome, String reason) {
	}

	record BulkResponse(String action, long done, long refused, List<BulkResult> results) {
	}

	@PostMapping("/bulk")
	@Operation(summary = "Claim, unclaim or assign up to 100 tasks at once, each on its own",
			description = "Every task gets its outcome, DONE or REFUSED with the reason; a refused task changes nothing "
					+ "and does not stop the others. Assigning is for the decision group and admins, to a member of "
					+ "the task's group.")
	BulkResponse bulk(@AuthenticationPrincipal TobiraUser user, @RequestBody(required = false) BulkRequest body) {
		BulkRequest request = body == null ? new BulkRequest(null, null, null) : body;
		BulkTaskActions.Results results = bulk.perform(user.actor(), request.action(), request.taskIds(),
				request.assignee());
		return new BulkResponse(results.action().name().toLowerCase(Locale.ROOT), results.done(),
				results.refused().size(),
				results.results()
					.stream()
					.map(result -> new BulkResult(result.taskId(), result.outcome(),
							result.reason() == null ? null : result.reason().english()))
					.toList());
	}

	@GetMapping("/{id}/history")
	@Operation(summary = "What happened to a task, open or finished, from the audit log, oldest first",
			description = "Its creation, claims, returns, saves, assignments, completion and the notes written on its "
					+ "screen, each with who and when; for those who may see the task (404 for an unknown task, 403 "
					+ "for one of another group)")
	List<AuditEntry> history(@AuthenticationPrincipal TobiraUser user, @PathVariable String id) {
		return history.of(user.actor(), id);
	}

	@PostMapping("/{id}/claim")
	@Operation(summary = "Claim a task of one of the caller's groups; 409 if someone claimed it first")
	Map<String, String> claim(@AuthenticationPrincipal TobiraUser user, @PathVariable String id) {
		tasks.claim(user.actor(), id);
		return Map.of("id", id, "assignee", user.getUsername());
	}

	@PostMapping("/{id}/unclaim")
	@Operation(summary = "Give a claimed task back to its group")
	Map<String, String> unclaim(@AuthenticationPrincipal TobiraUser user, @PathVariable String id) {
		tasks.unclaim(user.actor(), id);
		return Map.of("id", id);
	}

	@PostMapping("/{id}/complete")
	@Operation(summary = "Complete a task with its outcome (the form depends on the task's key)")
	Map<String, Object> complete(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestBody(required = false) JsonNode form) {
		tasks.complete(user.actor(), id, form);
		return Map.of("id", id, "completed", true);
	}

	@PostMapping("/{id}/pre-screen")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Re-run the case's automatic checks under the rulebook version in force now",
			description = "Stored and audited beside the pre-screen as a re-run; the pre-screen and the case's flags do not change.")
	PreScreenView reRunPreScreen(@AuthenticationPrincipal TobiraUser user, @PathVariable String id) {
		return PreScreenView.of(reRuns.reRun(user.actor(), id));
	}

}
