package jp.tobira.review.api;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.review.ReviewTasks;
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

	TasksController(ReviewTasks tasks) {
		this.tasks = tasks;
	}

	@PostMapping("/{id}/claim")
	Map<String, String> claim(@AuthenticationPrincipal TobiraUser user, @PathVariable String id) {
		tasks.claim(user.actor(), id);
		return Map.of("id", id, "assignee", user.getUsername());
	}

	@PostMapping("/{id}/unclaim")
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

}
