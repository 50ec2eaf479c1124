package jp.tobira.worklist.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.worklist.TaskQueues;

/**
 * The reviewer's open tasks in the JSON API: the task list page's own query, in its
 * "workable" queue.
 */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "The reviewer's open tasks")
class TaskListController {

	private final TaskQueues queues;

	TaskListController(TaskQueues queues) {
		this.queues = queues;
	}

	/**
	 * One task; {@code followUp} its follow-up date, {@code delegatedFrom} (and its
	 * display name) whom it was meant for when it went to the assignee as their delegate.
	 */
	record TaskView(String id, String taskKey, UUID applicationId, String reference, String name, String assignee,
			Instant due, Instant created, String tokenName, String issuer, String jurisdiction, boolean escalated,
			LocalDate followUp, String delegatedFrom, String delegatedFromName) {

		static TaskView of(TaskQueues.Row row) {
			return new TaskView(row.taskId(), row.taskKey(), row.applicationId(), row.reference(), row.taskName(),
					row.assignee(), row.due(), row.created(), row.tokenName(), row.issuerName(), row.jurisdiction(),
					row.escalated(), row.followUp(), row.delegatedFrom(), row.delegatedFromName());
		}
	}

	@GetMapping
	@Operation(summary = "The caller's open tasks: their own and their groups' unassigned, most urgent first",
			description = "A task of the caller's own with a follow-up date after today is left out until that day; "
					+ "followUpDue=true lists only the tasks whose follow-up date is today or past. Pages: by number "
					+ "(page, size) or, at any depth as quick as the first, from the cursor of the Link header's "
					+ "rel=\"next\" (after), which an answer carries while more tasks follow. X-Total-Count is the "
					+ "number of tasks when it is at most 100 or (for a page by number) within the next page; "
					+ "otherwise the answer carries X-Total-Count-At-Least instead, as the tasks are counted only "
					+ "that far.")
	ResponseEntity<List<TaskView>> list(@AuthenticationPrincipal TobiraUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@RequestParam(defaultValue = "false") boolean followUpDue, @RequestParam(required = false) String after) {
		if (page < 0) {
			throw InvalidInput.of("page", "problem.page");
		}
		if (size < 1 || size > 200) {
			throw InvalidInput.of("size", "problem.size");
		}
		TaskQueues.Query query = new TaskQueues.Query(TaskQueues.Queue.WORKABLE, null, null, false, false, false,
				followUpDue, TaskQueues.Sort.DUE, false, page, size);
		query = query.from(TaskQueues.Position.asked(after, null, false, query.sort()));
		TaskQueues.Slice slice = queues.rows(user.actor(), query);
		// counted only so far (issue 15): past it the number of tasks is known to be more
		// than the header says, and a client follows the next links until there is none
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
			.header(slice.totalExact() ? "X-Total-Count" : "X-Total-Count-At-Least", String.valueOf(slice.total()));
		if (slice.hasNext() && !slice.rows().isEmpty()) {
			String next = UriComponentsBuilder.fromPath("/api/v1/tasks")
				.queryParam("size", size)
				.queryParam("followUpDue", followUpDue)
				.queryParam("after",
						TaskQueues.Cursor.of(query.sort(), slice.rows().get(slice.rows().size() - 1)).encoded())
				.toUriString();
			answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return answer.body(slice.rows().stream().map(TaskView::of).toList());
	}

}
