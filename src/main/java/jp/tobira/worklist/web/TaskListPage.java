package jp.tobira.worklist.web;

import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.CaseClock;
import jp.tobira.application.ClockReading;
import jp.tobira.review.BulkTaskActions;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.NotAllowedToAssign;
import jp.tobira.review.NotYourTask;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.TaskConflict;
import jp.tobira.review.TaskDefinition;
import jp.tobira.review.TaskDefinitions;
import jp.tobira.review.TaskNotFound;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;
import jp.tobira.worklist.NotYourTaskView;
import jp.tobira.worklist.TaskFilters;
import jp.tobira.worklist.TaskQueues;
import jp.tobira.worklist.TaskView;
import jp.tobira.worklist.TaskViewNotFound;
import jp.tobira.worklist.TaskViews;
import jp.tobira.security.StaffOnly;

/**
 * The reviewers' task list: three queues with counts, filters, sorting and paging done by
 * the database; the user's saved views as further tabs with their counts; and bulk
 * actions on the ticked rows.
 */
@Controller
@StaffOnly
public class TaskListPage {

	public static final int PAGE_SIZE = 25;

	private final TaskQueues queues;

	private final TaskDefinitions definitions;

	private final ReviewTasks tasks;

	private final CaseClock caseClock;

	private final Clock clock;

	private final Explanations explanations;

	private final TaskFilters taskFilters;

	private final TaskViews views;

	private final BulkTaskActions bulk;

	TaskListPage(TaskQueues queues, TaskDefinitions definitions, ReviewTasks tasks, CaseClock caseClock, Clock clock,
			Explanations explanations, TaskFilters taskFilters, TaskViews views, BulkTaskActions bulk) {
		this.explanations = explanations;
		this.taskFilters = taskFilters;
		this.views = views;
		this.bulk = bulk;
		this.queues = queues;
		this.definitions = definitions;
		this.tasks = tasks;
		this.caseClock = caseClock;
		this.clock = clock;
	}

	/** A saved view as a tab: its number of rows now, and whether it is the one shown. */
	public record ViewTab(TaskView view, long count, boolean current, boolean deletable) {
	}

	/**
	 * What a bulk action came to, for the summary at the top: the refusals already in the
	 * reader's language. A flash attribute, kept in the session in PostgreSQL until the
	 * redirected request (maybe on another node) reads it: hence {@link Serializable}.
	 */
	public record BulkSummary(String action, long done, List<String> refused) implements Serializable {

		public BulkSummary {
			refused = new ArrayList<>(refused);
		}

	}

	/**
	 * A link of the pagination: a page's number (0-based) and where it leads;
	 * {@code number} null stands for a gap.
	 */
	public record PageLink(Integer number, String href) {
	}

	/**
	 * The task list. A page is asked for by its number ({@code page}, read by offset: the
	 * first pages, and the numbered links within the first {@link TaskQueues#COUNT_CAP}
	 * rows) or, as the next, previous and last links ask, from a row's place
	 * ({@code after} or {@code before} a cursor, {@code last}), which costs the same at
	 * any depth; then {@code page} is only the number shown, and may be unknown (the last
	 * page of a list counted only so far).
	 */
	@GetMapping("/tasks")
	String list(@AuthenticationPrincipal TobiraUser user, @RequestParam(required = false) String queue,
			@RequestParam(required = false) String task, @RequestParam(required = false) String jurisdiction,
			@RequestParam(defaultValue = "false") boolean flagged,
			@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "false") boolean escalated, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "false") boolean desc, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) String after, @RequestParam(required = false) String before,
			@RequestParam(defaultValue = "false") boolean last,
			@RequestParam(defaultValue = "false") boolean followUpDue, Model model) {
		Actor actor = user.actor();
		TaskQueues.Filters filters = taskFilters.parse("", queue, task, jurisdiction, flagged, overdue, escalated,
				followUpDue, sort, desc);
		Integer number = page == null ? null : Math.max(page, 0);
		TaskQueues.Position position = TaskQueues.Position.asked(after, before, last, filters.sort());
		if (position != null && position.cursor() == null) {
			// the last page: its number is not known until the list is counted
			number = null;
		}
		else if (position == null && number == null) {
			number = 0;
		}
		TaskQueues.Query query = filters.page(number == null ? 0 : number, PAGE_SIZE).from(position);
		TaskQueues.Page result = queues.find(actor, query);
		if (!result.hasPrevious()) {
			// read backwards to the start: this is the first page whatever was asked
			number = 0;
		}
		List<ViewTab> tabs = new ArrayList<>();
		boolean viewShown = false;
		List<TaskView> visible = views.visibleTo(actor);
		List<Long> counts = queues.count(actor, visible.stream().map(TaskView::filters).toList());
		for (int i = 0; i < visible.size(); i++) {
			TaskView view = visible.get(i);
			boolean current = !viewShown && view.filters().equals(filters);
			viewShown |= current;
			boolean deletable = view.owner().equals(actor.username())
					|| (view.shared() != null && actor.isIn(Group.ADMIN));
			tabs.add(new ViewTab(view, counts.get(i), current, deletable));
		}
		model.addAttribute("views", tabs);
		model.addAttribute("viewShown", viewShown);
		model.addAttribute("sharingChoices", views.sharingChoices(actor));
		model.addAttribute("canAssign", actor.isIn(Group.DECISION) || actor.isIn(Group.ADMIN));
		model.addAttribute("maxBulk", BulkTaskActions.MAX_TASKS);
		Map<ApplicationId, java.time.Instant> submitted = new LinkedHashMap<>();
		result.rows().forEach(row -> submitted.put(new ApplicationId(row.applicationId()), row.submittedAt()));
		Map<ApplicationId, ClockReading> clocks = caseClock.readOpen(submitted);
		Map<String, ClockReading> clockByCase = new LinkedHashMap<>();
		clocks.forEach((id, reading) -> clockByCase.put(id.toString(), reading));
		model.addAttribute("query", query);
		model.addAttribute("result", result);
		model.addAttribute("clocks", clockByCase);
		model.addAttribute("now", clock.instant());
		model.addAttribute("countCap", TaskQueues.COUNT_CAP);
		// from the model, not as T(...) in the template: SpEL looks a type up by name on
		// every page, and a nested class's dotted name is first looked for, and missed,
		// in every jar
		model.addAttribute("queueTabs", TaskQueues.Queue.TABS);
		pagination(model, filters, number, result);
		model.addAttribute("taskKeys", definitions.all().stream().map(TaskDefinition::key).toList());
		return "tasks/list";
	}

	/**
	 * The pagination's links: first, previous, the numbered window, next and last. The
	 * previous and next pages are read from the first and last row shown (a cursor), the
	 * last page from the end backwards unless the total is exact (then by its number);
	 * numbers are linked only where reading by offset stays within the counted rows.
	 */
	private void pagination(Model model, TaskQueues.Filters filters, Integer number, TaskQueues.Page result) {
		long pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
		List<TaskQueues.Row> rows = result.rows();
		boolean known = number != null;
		String first = known && number == 0 ? null : href(filters).queryParam("page", 0).toUriString();
		String previous = null;
		if (result.hasPrevious()) {
			if (known && number <= 1 || rows.isEmpty()) {
				previous = href(filters).queryParam("page", known ? Math.max(number - 1, 0) : 0).toUriString();
			}
			else {
				UriComponentsBuilder link = href(filters);
				if (known) {
					link.queryParam("page", number - 1);
				}
				previous = link.queryParam("before", TaskQueues.Cursor.of(filters.sort(), rows.get(0)).encoded())
					.toUriString();
			}
		}
		String next = null;
		String lastPage = null;
		if (result.hasNext() && !rows.isEmpty()) {
			UriComponentsBuilder link = href(filters);
			if (known) {
				link.queryParam("page", number + 1);
			}
			next = link.queryParam("after", TaskQueues.Cursor.of(filters.sort(), rows.get(rows.size() - 1)).encoded())
				.toUriString();
			lastPage = result.totalExact() ? href(filters).queryParam("page", pages - 1).toUriString()
					: href(filters).queryParam("last", true).toUriString();
		}
		List<PageLink> window = new ArrayList<>();
		for (Integer p : result.totalExact() ? window(known ? number : -WINDOW - 1, (int) pages)
				: openWindow(number, TaskQueues.COUNT_CAP / PAGE_SIZE)) {
			window.add(new PageLink(p, p == null ? null : href(filters).queryParam("page", p).toUriString()));
		}
		model.addAttribute("pages", pages);
		model.addAttribute("pageNumber", number);
		model.addAttribute("window", window);
		model.addAttribute("firstHref", first);
		model.addAttribute("previousHref", previous);
		model.addAttribute("nextHref", next);
		model.addAttribute("lastHref", lastPage);
	}

	/** The list as the filters show it, without a page: the links' common part. */
	private static UriComponentsBuilder href(TaskQueues.Filters filters) {
		return UriComponentsBuilder.fromPath("/tasks")
			.queryParam("queue", filters.queue())
			.queryParamIfPresent("task", java.util.Optional.ofNullable(filters.taskKey()))
			.queryParamIfPresent("jurisdiction", java.util.Optional.ofNullable(filters.jurisdiction()))
			.queryParam("flagged", filters.flagged())
			.queryParam("overdue", filters.overdue())
			.queryParam("escalated", filters.escalated())
			.queryParam("followUpDue", filters.followUpDue())
			.queryParam("sort", filters.sort())
			.queryParam("desc", filters.descending());
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
	 * Saves the list as it is shown (its queue, filters and order) as a view; a refusal
	 * goes back to the list with each problem beside its field.
	 */
	@PostMapping("/tasks/views")
	String saveView(@AuthenticationPrincipal TobiraUser user, @RequestParam(required = false) String name,
			@RequestParam(required = false) String shared, @RequestParam(required = false) String queue,
			@RequestParam(required = false) String task, @RequestParam(required = false) String jurisdiction,
			@RequestParam(defaultValue = "false") boolean flagged,
			@RequestParam(defaultValue = "false") boolean overdue,
			@RequestParam(defaultValue = "false") boolean escalated, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "false") boolean desc,
			@RequestParam(defaultValue = "false") boolean followUpDue,
			@RequestHeader(value = "Referer", required = false) String back, RedirectAttributes redirect) {
		try {
			TaskView view = views.save(user.actor(), name, shared, new TaskFilters.Requested(queue, task, jurisdiction,
					flagged, overdue, escalated, sort, desc, followUpDue));
			redirect.addFlashAttribute("message", "tasks.view.saved");
			return "redirect:" + UriComponentsBuilder.fromPath("/tasks")
				.queryParam("queue", view.filters().queue())
				.queryParamIfPresent("task", java.util.Optional.ofNullable(view.filters().taskKey()))
				.queryParamIfPresent("jurisdiction", java.util.Optional.ofNullable(view.filters().jurisdiction()))
				.queryParam("flagged", view.filters().flagged())
				.queryParam("overdue", view.filters().overdue())
				.queryParam("escalated", view.filters().escalated())
				.queryParam("followUpDue", view.filters().followUpDue())
				.queryParam("sort", view.filters().sort())
				.queryParam("desc", view.filters().descending())
				.build()
				.toUriString();
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("viewProblems", explanations.of(ex.problems()));
			redirect.addFlashAttribute("viewName", name);
			return "redirect:" + safeBack(back);
		}
	}

	@PostMapping("/tasks/views/{id}/delete")
	String deleteView(@AuthenticationPrincipal TobiraUser user, @PathVariable String id, RedirectAttributes redirect) {
		try {
			views.delete(user.actor(), java.util.UUID.fromString(id));
			redirect.addFlashAttribute("message", "tasks.view.deleted");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", explanations.of(new TaskViewNotFound(id)));
		}
		catch (TaskViewNotFound | NotYourTaskView ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/tasks";
	}

	/**
	 * The same bulk action as the API's, from the list's checkboxes; the outcome is
	 * summed up at the top of the list it came from.
	 */
	@PostMapping("/tasks/bulk")
	String bulk(@AuthenticationPrincipal TobiraUser user, @RequestParam(required = false) String action,
			@RequestParam(required = false) List<String> taskIds, @RequestParam(required = false) String assignee,
			@RequestHeader(value = "Referer", required = false) String back, RedirectAttributes redirect) {
		try {
			// the assignee field stays on the form whichever button is pressed
			BulkTaskActions.Results results = bulk.perform(user.actor(), action, taskIds,
					"assign".equals(action) ? assignee : null);
			redirect.addFlashAttribute("bulk", new BulkSummary(results.action().name(), results.done(),
					results.refused().stream().map(result -> explanations.text(result.reason())).toList()));
		}
		catch (InvalidInput | NotAllowedToAssign ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:" + safeBack(back);
	}

	/**
	 * Pages either side of the current one that get a link of their own, besides the
	 * first and the last.
	 */
	static final int WINDOW = TaskQueues.PAGE_WINDOW;

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

	/**
	 * The numbered links of a list counted only so far ({@code countedPages} full pages
	 * of it known to exist): the first page, those around the current one that lie within
	 * the counted pages, the current one wherever it is ({@code null} when its number is
	 * unknown), and a gap for the pages after.
	 */
	static List<Integer> openWindow(Integer current, int countedPages) {
		java.util.SortedSet<Integer> shown = new java.util.TreeSet<>();
		shown.add(0);
		if (current != null) {
			for (int p = Math.max(0, current - WINDOW); p <= current + WINDOW && p < countedPages; p++) {
				shown.add(p);
			}
			shown.add(current);
		}
		List<Integer> window = new ArrayList<>();
		Integer previous = null;
		for (int p : shown) {
			if (previous != null && p > previous + 1) {
				window.add(null);
			}
			window.add(p);
			previous = p;
		}
		window.add(null);
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
