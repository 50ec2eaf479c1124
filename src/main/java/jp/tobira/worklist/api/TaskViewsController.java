package jp.tobira.worklist.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.security.Actor;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.worklist.TaskFilters;
import jp.tobira.worklist.TaskQueues;
import jp.tobira.worklist.TaskView;
import jp.tobira.worklist.TaskView;
import jp.tobira.worklist.TaskViews;
import jp.tobira.security.StaffOnly;

/**
 * Saved views of the task list in the JSON API: the caller's own and those shared with
 * them, each with the number of rows it lists now.
 */
@RestController
@RequestMapping("/api/v1/task-views")
@Tag(name = "Task views", description = "Saved and shared views of the task list")
@StaffOnly
class TaskViewsController {

	private final TaskViews views;

	private final TaskQueues queues;

	TaskViewsController(TaskViews views, TaskQueues queues) {
		this.views = views;
		this.queues = queues;
	}

	/**
	 * What a client sends: {@code shared} absent or null for the caller's alone, a group
	 * id they belong to, or {@code "everyone"} (admins only).
	 */
	record NewView(String name, String shared, TaskFilters.Requested query) {
	}

	record ViewBody(UUID id, String name, String owner, String shared, boolean mine, TaskFilters.Requested query,
			long count, Instant createdAt) {

		static ViewBody of(TaskView view, Actor actor, long count) {
			return new ViewBody(view.id(), view.name(), view.owner(), view.shared(),
					view.owner().equals(actor.username()), TaskFilters.Requested.of(view.filters()), count,
					view.createdAt());
		}
	}

	@GetMapping
	@Operation(summary = "The caller's saved views and those shared with them, each with its count now")
	List<ViewBody> list(@AuthenticationPrincipal TobiraUser user) {
		Actor actor = user.actor();
		List<TaskView> visible = views.visibleTo(actor);
		List<Long> counts = queues.count(actor, visible.stream().map(TaskView::filters).toList());
		List<ViewBody> bodies = new java.util.ArrayList<>();
		for (int i = 0; i < visible.size(); i++) {
			bodies.add(ViewBody.of(visible.get(i), actor, counts.get(i)));
		}
		return bodies;
	}

	@PostMapping
	@Operation(summary = "Save a view of the task list; 400 naming each field that is wrong")
	ResponseEntity<ViewBody> save(@AuthenticationPrincipal TobiraUser user,
			@RequestBody(required = false) NewView body) {
		if (body == null) {
			throw InvalidInput.of("name", "problem.taskView.name", TaskViews.NAME_LENGTH);
		}
		Actor actor = user.actor();
		TaskView view = views.save(actor, body.name(), body.shared(), body.query());
		return ResponseEntity.created(URI.create("/api/v1/task-views/" + view.id()))
			.body(ViewBody.of(view, actor, queues.count(actor, List.of(view.filters())).get(0)));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a view: one's own, or a shared one as an admin; another's private view is 404")
	ResponseEntity<Void> delete(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		views.delete(user.actor(), id);
		return ResponseEntity.noContent().build();
	}

}
