package jp.tobira.review.api;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.review.FollowUpDate;
import jp.tobira.review.ReviewTasks;
import jp.tobira.security.TobiraUser;

/**
 * A task's follow-up date through the JSON API: set by the reviewer who holds the task,
 * today or later, or cleared.
 */
@RestController
@RequestMapping("/api/v1/tasks/{id}/follow-up")
@Tag(name = "Tasks", description = "The reviewer's open tasks")
class FollowUpController {

	private final ReviewTasks tasks;

	FollowUpController(ReviewTasks tasks) {
		this.tasks = tasks;
	}

	/** {@code date} as {@code YYYY-MM-DD}, in the supervisor's time zone. */
	record FollowUpBody(String date) {
	}

	@PutMapping
	@Operation(summary = "Set the follow-up date of a task the caller holds",
			description = "Today or later; the task leaves the caller's own queue until that day. 409 if the caller "
					+ "does not hold the task, 400 naming date if it is missing, malformed or past.")
	Map<String, Object> set(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestBody(required = false) FollowUpBody body) {
		LocalDate date = FollowUpDate.parse(body == null ? null : body.date());
		tasks.setFollowUp(user.actor(), id, date);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", id);
		answer.put("followUp", date.toString());
		return answer;
	}

	@DeleteMapping
	@Operation(summary = "Clear the follow-up date of a task the caller holds")
	ResponseEntity<Void> clear(@AuthenticationPrincipal TobiraUser user, @PathVariable String id) {
		tasks.setFollowUp(user.actor(), id, null);
		return ResponseEntity.noContent().build();
	}

}
