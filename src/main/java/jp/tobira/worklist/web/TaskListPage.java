package jp.tobira.worklist.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.CaseClock;
import jp.tobira.application.ClockReading;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.NotYourTask;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.TaskConflict;
import jp.tobira.review.TaskDefinition;
import jp.tobira.review.TaskDefinitions;
import jp.tobira.review.TaskNotFound;
import jp.tobira.security.TobiraUser;
import jp.tobira.web.Explanations;
import jp.tobira.worklist.TaskQueues;

/**
 * The reviewers' task list: three queues with counts, filters, sorting and paging done by
 * the database.
 */
@Controller
@PreAuthorize("hasAnyRole('INTAKE', 'BACKING_REVIEW', 'COOPERATION', 'DECISION', 'ADMIN')")
public class TaskListPage {

	public static final int PAGE_SIZE = 25;

	private final TaskQueues queues;

	private final TaskDefinitions definitions;

	private final ReviewTasks tasks;

	private final CaseClock caseClock;

	private final Clock clock;

	private final Explanations explanations;

	TaskListPage(TaskQueues queues, TaskDefinitions definitions, ReviewTasks tasks, CaseClock caseClock, Clock clock,
			Explanations explanations) {
		this.explanations = explanations;
		this.queues = queues;
		this.definitions = definitions;
		this.tasks = tasks;
		this.caseClock = caseClock;
		this.clock = clock;
	}

	@GetMapping("/tasks")
	String list(@AuthenticationPrincipal TobiraUser user, @RequestParam(defaultValue = "GROUPS") TaskQueues.Queue queue,
			@RequestParam(required = false) String task, @RequestParam(required = false) String jurisdiction,
			@RequestParam(defaultValue = "false") boolean flagged,
			@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "false") boolean escalated,
			@RequestParam(defaultValue = "DUE") TaskQueues.Sort sort,
			@RequestParam(defaultValue = "false") boolean desc, @RequestParam(defaultValue = "0") int page,
			Model model) {
		TaskQueues.Query query = new TaskQueues.Query(queue, task, jurisdiction, flagged, overdue, escalated, sort,
				desc, Math.max(page, 0), PAGE_SIZE);
		TaskQueues.Page result = queues.find(user.actor(), query);
		Map<ApplicationId, java.time.Instant> submitted = new LinkedHashMap<>();
		result.rows().forEach(row -> submitted.put(new ApplicationId(row.applicationId()), row.submittedAt()));
		Map<ApplicationId, ClockReading> clocks = caseClock.readOpen(submitted);
		Map<String, ClockReading> clockByCase = new LinkedHashMap<>();
		clocks.forEach((id, reading) -> clockByCase.put(id.toString(), reading));
		model.addAttribute("query", query);
		model.addAttribute("result", result);
		model.addAttribute("clocks", clockByCase);
		model.addAttribute("now", clock.instant());
		long pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
		model.addAttribute("pages", pages);
		model.addAttribute("window", window(query.page(), (int) pages));
		model.addAttribute("taskKeys", definitions.all().stream().map(TaskDefinition::key).toList());
		return "tasks/list";
	}

	@PostMapping("/tasks/{id}/claim")
	String claim(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestHeader(value = "Referer", required = false) String back, RedirectAttributes redirect) {
		try {
			tasks.claim(user.actor(), id);
			redirect.addFlashAttribute("message", "tasks.claimed");
		}
		catch (TaskConflict | NotYourTask | TaskNotFound | FourEyesViolation ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:" + safeBack(back);
	}

	@PostMapping("/tasks/{id}/unclaim")
	String unclaim(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestHeader(value = "Referer", required = false) String back, RedirectAttributes redirect) {
		try {
			tasks.unclaim(user.actor(), id);
			redirect.addFlashAttribute("message", "tasks.unclaimed");
		}
		catch (TaskConflict | NotYourTask | TaskNotFound ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:" + safeBack(back);
	}

	/**
	 * Pages either side of the current one that get a link of their own, besides the
	 * first and the last.
	 */
	static final int WINDOW = 2;

	/**
	 * The page numbers (0-based) the pagination links to: the first, the last, and a few
	 * around the current one; {@code null} stands for a gap. At 5,000 cases that is about
	 * ten links instead of two hundred.
	 */
	static List<Integer> window(int current, int pages) {
		List<Integer> window = new ArrayList<>();
		Integer previous = null;
		for (int p = 0; p < pages; p++) {
			boolean shown = p == 0 || p == pages - 1 || Math.abs(p - current) <= WINDOW;
			if (!shown) {
				continue;
			}
			if (previous != null && p > previous + 1) {
				window.add(null);
			}
			window.add(p);
			previous = p;
		}
		return window;
	}

	/** Back to the list the user came from, never to another site. */
	private static String safeBack(String referer) {
		if (referer == null) {
			return "/tasks";
		}
		int path = referer.indexOf("/tasks");
		return path < 0 ? "/tasks" : referer.substring(path);
	}

}
