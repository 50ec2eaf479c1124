package jp.tobira.review.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.CaseClock;
import jp.tobira.application.CaseNotes;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditEntry;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.CaseFlags;
import jp.tobira.checks.PreScreenEvaluations;
import jp.tobira.cooperation.HomeConfirmations;
import jp.tobira.decision.LegalGates;
import jp.tobira.decision.LegalGatesNotMet;
import jp.tobira.decision.Recommendations;
import jp.tobira.review.DecisionTask;
import jp.tobira.review.Findings;
import jp.tobira.review.FourEyesViolation;
import jp.tobira.review.NotYourTask;
import jp.tobira.review.PreScreenReRuns;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.TaskConflict;
import jp.tobira.review.TaskDefinition;
import jp.tobira.review.TaskDefinitions;
import jp.tobira.review.TaskHistory;
import jp.tobira.review.TaskNotFound;
import jp.tobira.security.TobiraUser;
import jp.tobira.supervision.ReserveReports;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;
import jp.tobira.security.StaffOnly;

/**
 * A reviewer's task screen: the case (header, data, documents, checks, earlier findings)
 * and the task's form. The form posts plain fields; they become the task's outcome
 * exactly as the JSON API takes it, so both doors share one set of rules. A refused form
 * comes back with each error next to its field and what was typed still there.
 */
@Controller
@StaffOnly
class TaskPage {

	private final ReviewTasks tasks;

	private final TaskDefinitions definitions;

	private final ApplicationService applications;

	private final DocumentService documents;

	private final CaseClock caseClock;

	private final AutomaticChecks checks;

	private final CaseFlags flags;

	private final Findings findings;

	private final Recommendations recommendations;

	private final ObjectMapper json;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	private final Explanations explanations;

	private final AuditEntries audit;

	private final PreScreenEvaluations preScreens;

	private final LegalGates gates;

	private final PreScreenReRuns reRuns;

	private final CaseNotes notes;

	private final TaskHistory history;

	private final ReserveReports reserveReports;

	TaskPage(org.springframework.context.MessageSource messages, Explanations explanations, ReviewTasks tasks,
			TaskDefinitions definitions, ApplicationService applications, DocumentService documents,
			CaseClock caseClock, AutomaticChecks checks, CaseFlags flags, Findings findings,
			Recommendations recommendations, AuditEntries audit, ObjectMapper json, Clock clock,
			PreScreenEvaluations preScreens, LegalGates gates, PreScreenReRuns reRuns, CaseNotes notes,
			TaskHistory history, ReserveReports reserveReports) {
		this.reserveReports = reserveReports;
		this.notes = notes;
		this.history = history;
		this.reRuns = reRuns;
		this.preScreens = preScreens;
		this.gates = gates;
		this.explanations = explanations;
		this.audit = audit;
		this.tasks = tasks;
		this.definitions = definitions;
		this.applications = applications;
		this.documents = documents;
		this.caseClock = caseClock;
		this.checks = checks;
		this.flags = flags;
		this.findings = findings;
		this.recommendations = recommendations;
		this.json = json;
		this.clock = clock;
		this.messages = messages;
	}

	private Map<String, List<String>> readSaved(String saved) {
		try {
			return json.readValue(saved,
					new com.fasterxml.jackson.core.type.TypeReference<Map<String, List<String>>>() {
					});
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			return Map.of();
		}
	}

	@GetMapping("/tasks/{id}")
	String show(@AuthenticationPrincipal TobiraUser user, @PathVariable String id, Model model,
			HttpServletResponse response) {
		ReviewTasks.TaskOnCase task;
		try {
			task = tasks.open(user.actor(), id);
		}
		catch (TaskNotFound | TaskConflict ex) {
			model.addAttribute("detail", explanations.of(ex));
			response.setStatus(HttpStatus.NOT_FOUND.value());
			return "error/404";
		}
		catch (NotYourTask ex) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			return "error/403";
		}
		Application application = applications.get(user.actor(), new ApplicationId(task.applicationId()));
		LocalDate asOf = caseClock.checksDay(application);
		model.addAttribute("task", task);
		TaskDefinition definition = definitions.of(task.taskKey());
		model.addAttribute("definition", definition);
		model.addAttribute("overdue", task.due() != null && task.due().isBefore(clock.instant()));
		tasks.fourEyesRefusal(user.actor(), id)
			.ifPresent(refusal -> model.addAttribute("fourEyes", explanations.of(refusal)));
		if (DecisionTask.KEY.equals(task.taskKey())) {
			// said up front, as the engine will refuse an approval on completion
			gates.refusalOfApproval(application.id())
				.ifPresent(refusal -> model.addAttribute("gates", explanations.of(refusal)));
		}
		model.addAttribute("theCase", application);
		// a supervision task is about one filed report: shown as it was stored
		model.addAttribute("reserveReport",
				tasks.reserveReportOf(id)
					.map(reportId -> reserveReports.report(user.actor(), application.id(), reportId))
					.orElse(null));
		model.addAttribute("content", application.content());
		// after recognition the statutory period, the application's coverage and its
		// pre-screen are history: the task is about the token's reports, and the page
		// leaves the application's checks to the case page
		boolean afterRecognition = definition.afterRecognition();
		model.addAttribute("afterRecognition", afterRecognition);
		model.addAttribute("clock", afterRecognition ? null : caseClock.read(application).orElse(null));
		if (!afterRecognition) {
			// the stored pre-screen is the record; today's rules on the same data are
			// shown beside it, labelled, stored nowhere
			model.addAttribute("preScreen", preScreens.preScreenOf(application.id()).orElse(null));
			model.addAttribute("reRuns", preScreens.reRunsOf(application.id()));
			model.addAttribute("checks", checks.run(application.content(), asOf));
		}
		model.addAttribute("flags", flags.of(application.id()));
		model.addAttribute("findings", findings.of(application.id()));
		model.addAttribute("recommendation", recommendations.of(application.id()).orElse(null));
		List<AuditEntry> timeline = new java.util.ArrayList<>(audit.forCase(application.reference().value()));
		java.util.Collections.reverse(timeline);
		model.addAttribute("timeline", timeline);
		model.addAttribute("notes", notes.of(user.actor(), application.id()));
		List<AuditEntry> taskHistory = new java.util.ArrayList<>(history.of(user.actor(), id));
		java.util.Collections.reverse(taskHistory);
		model.addAttribute("taskHistory", taskHistory);
		model.addAttribute("documents", documents.list(user.actor(), application.id()));
		model.addAllAttributes(definition.formModel());
		if (!model.containsAttribute("form")) {
			Map<String, List<String>> saved = tasks.savedForm(user.actor(), id).map(this::readSaved).orElse(Map.of());
			Map<String, String> first = new java.util.LinkedHashMap<>();
			saved.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.get(0)));
			model.addAttribute("form", first);
			model.addAttribute("checked", saved);
			model.addAttribute("saved", !saved.isEmpty());
		}
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "tasks/task";
	}

	@PostMapping("/tasks/{id}/complete")
	String complete(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		ReviewTasks.TaskOnCase task;
		try {
			task = tasks.open(user.actor(), id);
			tasks.complete(user.actor(), id, TaskFormFields.toJson(definitions.of(task.taskKey()).form(), form, json));
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("errors", explanations.of(ex.problems()));
			// every problem in the banner too: not every field the services check has a
			// place on every form
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("form", form.toSingleValueMap());
			redirect.addFlashAttribute("checked", form);
			return "redirect:/tasks/" + id;
		}
		catch (TaskConflict | NotYourTask | TaskNotFound | FourEyesViolation | LegalGatesNotMet ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("form", form.toSingleValueMap());
			// the decision-maker stays on the case: a rejection is still theirs to give
			return ex instanceof FourEyesViolation || ex instanceof LegalGatesNotMet ? "redirect:/tasks/" + id
					: "redirect:/tasks";
		}
		redirect.addFlashAttribute("message", "task.completed");
		return "redirect:/tasks?queue=GROUPS";
	}

	/**
	 * Stores today's re-run of the checks beside the pre-screen, as a re-run by this
	 * reviewer (audited).
	 */
	@PostMapping("/tasks/{id}/pre-screen")
	String reRunPreScreen(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			RedirectAttributes redirect) {
		try {
			reRuns.reRun(user.actor(), id);
			redirect.addFlashAttribute("message", "preScreen.rerun.stored");
		}
		catch (TaskConflict | NotYourTask | TaskNotFound ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/tasks/" + id;
	}

	/**
	 * An internal note on the task's case, written from its screen: it names the task, so
	 * the task's history shows it too.
	 */
	@PostMapping("/tasks/{id}/notes")
	String addNote(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestParam(required = false) String text, RedirectAttributes redirect) {
		try {
			ReviewTasks.TaskOnCase task = tasks.open(user.actor(), id);
			notes.add(user.actor(), new ApplicationId(task.applicationId()), text, task.id());
			redirect.addFlashAttribute("message", "notes.added");
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("noteErrors", explanations.of(ex.problems()));
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("noteDraft", text);
		}
		catch (TaskConflict | NotYourTask | TaskNotFound ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			return "redirect:/tasks";
		}
		return "redirect:/tasks/" + id + "#notes";
	}

	@PostMapping("/tasks/{id}/save")
	String save(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		java.util.Map<String, List<String>> kept = new java.util.LinkedHashMap<>(form);
		kept.remove("_csrf");
		try {
			tasks.save(user.actor(), id, json.writeValueAsString(kept));
			redirect.addFlashAttribute("message", "task.saved");
		}
		catch (TaskConflict | NotYourTask | TaskNotFound ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		return "redirect:/tasks/" + id;
	}

	@GetMapping(path = "/tasks/{id}/confirmation-request.txt", produces = "text/plain;charset=UTF-8")
	@org.springframework.web.bind.annotation.ResponseBody
	org.springframework.http.ResponseEntity<String> confirmationRequest(@AuthenticationPrincipal TobiraUser user,
			@PathVariable String id, java.util.Locale locale) {
		ReviewTasks.TaskOnCase task = tasks.open(user.actor(), id);
		Application application = applications.get(user.actor(), new ApplicationId(task.applicationId()));
		var content = application.content();
		String letter = messages.getMessage("task.letter.body",
				new Object[] { content.issuer().homeRegulator(), content.issuer().legalName(), content.token().name(),
						content.token().symbol(), application.reference().value(),
						content.issuer().licenceReference() },
				locale);
		return org.springframework.http.ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					org.springframework.http.ContentDisposition.attachment()
						.filename("confirmation-request-" + application.reference() + ".txt")
						.build()
						.toString())
			.body(letter);
	}

}
