package jp.tobira.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.process.OpenTask;
import jp.tobira.process.ReviewTasks;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;

/** The reviewers' side of the JSON API: their open tasks, claiming and completing (DESIGN.md §8). */
@RestController
@RequestMapping("/api/v1/tasks")
@Tag(name = "Tasks", description = "The reviewer's open tasks")
class TasksController {

	private final ReviewTasks tasks;

	TasksController(ReviewTasks tasks) {
		this.tasks = tasks;
	}

	record TaskView(String id, String taskKey, UUID applicationId, String reference, String name, String assignee,
			Instant due, Instant created, String tokenName, String issuer, String jurisdiction, boolean escalated) {

		static TaskView of(OpenTask task) {
			return new TaskView(task.id(), task.taskKey(), task.applicationId(), task.reference(), task.name(),
					task.assignee(), task.due(), task.created(), task.tokenName(), task.issuerName(),
					task.jurisdiction(), task.escalated());
		}
	}

	@GetMapping
	@Operation(summary = "The caller's open tasks: their own and their groups' unassigned, most urgent first")
	ResponseEntity<List<TaskView>> list(@AuthenticationPrincipal TobiraUser user,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0) {
			throw InvalidInput.of("page", "problem.page");
		}
		if (size < 1 || size > 200) {
			throw InvalidInput.of("size", "problem.size");
		}
		List<TaskView> items = tasks.workable(user.actor(), page, size).stream().map(TaskView::of).toList();
		return ResponseEntity.ok()
			.header("X-Total-Count", String.valueOf(tasks.countWorkable(user.actor())))
			.body(items);
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
