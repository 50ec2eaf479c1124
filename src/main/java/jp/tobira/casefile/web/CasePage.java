package jp.tobira.casefile.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.ApplicationStateConflict;
import jp.tobira.application.CaseClock;
import jp.tobira.application.CaseNotes;
import jp.tobira.application.DocumentQuotaExceeded;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.application.UploadRateExceeded;
import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditEntry;
import jp.tobira.audit.AuditKind;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.CaseFlags;
import jp.tobira.checks.PreScreenEvaluations;
import jp.tobira.decision.Decisions;
import jp.tobira.decision.Recommendations;
import jp.tobira.review.Findings;
import jp.tobira.security.TobiraUser;
import jp.tobira.supervision.ReportingSchedule;
import jp.tobira.supervision.ReserveReports;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/**
 * A case as its issuer and the supervisor's staff see it: status and clock, the checks,
 * documents, findings, the timeline, and the issuer's actions (answer a request for
 * information, withdraw). Another issuer's case is 404.
 */
@Controller
class CasePage {

	/**
	 * The issuer's own list and actions; the case page itself is for staff too. Staff are
	 * refused (403), and another issuer's case is not found (404, by
	 * {@code ApplicationService.get}).
	 */
	static final String ISSUER_ONLY = "hasRole('ISSUER')";

	/**
	 * What an issuer sees of the timeline: the steps that concern it, not the
	 * supervisor's internal working; after recognition, its token's supervision and
	 * register status and its reserve reports, filed or overdue.
	 */
	static final List<AuditKind> ISSUER_TIMELINE = List.of(AuditKind.APPLICATION_CREATED, AuditKind.DOCUMENT_STORED,
			AuditKind.APPLICATION_SUBMITTED, AuditKind.APPLICATION_WITHDRAWN, AuditKind.RFI_ISSUED,
			AuditKind.RFI_RESPONDED, AuditKind.DECIDED, AuditKind.APPLICATION_LAPSED, AuditKind.REGISTER_ENTRY_ADDED,
			AuditKind.SUPERVISION_STARTED, AuditKind.RESERVE_REPORT_FILED, AuditKind.RESERVE_REPORT_OVERDUE,
			AuditKind.REGISTER_STATUS_CHANGED, AuditKind.SUPERVISION_ENDED);

	private final ApplicationService applications;

	private final DocumentService documents;

	private final RequestsForInformation rfis;

	private final CaseClock caseClock;

	private final AutomaticChecks checks;

	private final CaseFlags flags;

	private final Findings findings;

	private final Recommendations recommendations;

	private final Decisions decisions;

	private final AuditEntries audit;

	private final Explanations explanations;

	private final PreScreenEvaluations preScreens;

	private final CaseNotes notes;

	private final ReserveReports reserveReports;

	private final ReportingSchedule reportingSchedule;

	CasePage(ApplicationService applications, DocumentService documents, RequestsForInformation rfis,
			CaseClock caseClock, AutomaticChecks checks, CaseFlags flags, Findings findings,
			Recommendations recommendations, Decisions decisions, AuditEntries audit, Explanations explanations,
			PreScreenEvaluations preScreens, CaseNotes notes, ReserveReports reserveReports,
			ReportingSchedule reportingSchedule) {
		this.reserveReports = reserveReports;
		this.reportingSchedule = reportingSchedule;
		this.notes = notes;
		this.preScreens = preScreens;
		this.explanations = explanations;
		this.applications = applications;
		this.documents = documents;
		this.rfis = rfis;
		this.caseClock = caseClock;
		this.checks = checks;
		this.flags = flags;
		this.findings = findings;
		this.recommendations = recommendations;
		this.decisions = decisions;
		this.audit = audit;
	}

	@PreAuthorize(ISSUER_ONLY)
	@GetMapping("/applications")
	String mine(@AuthenticationPrincipal TobiraUser user, Model model) {
		List<Application> mine = applications.mine(user.actor());
		java.util.Map<ApplicationId, java.time.Instant> submitted = new java.util.LinkedHashMap<>();
		mine.stream().filter(a -> !a.status().isClosed()).forEach(a -> submitted.put(a.id(), a.submittedAt()));
		java.util.Map<String, jp.tobira.application.ClockReading> clocks = new java.util.HashMap<>();
		caseClock.readOpen(submitted).forEach((id, reading) -> clocks.put(id.toString(), reading));
		// a recognised token's reports past their due day with no report, said on its row
		java.util.Map<String, ReportingSchedule.Owed> owed = new java.util.HashMap<>();
		mine.stream()
			.filter(a -> a.status() == jp.tobira.application.ApplicationStatus.APPROVED)
			.forEach(a -> reportingSchedule.owedBy(a.id()).ifPresent(o -> owed.put(a.id().toString(), o)));
		model.addAttribute("applications", mine);
		model.addAttribute("clocks", clocks);
		model.addAttribute("owed", owed);
		return "applications/list";
	}

	@GetMapping("/cases/{id}")
	String show(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, Model model) {
		Application application = applications.get(user.actor(), new ApplicationId(id));
		LocalDate asOf = caseClock.checksDay(application);
		boolean staff = user.actor().isSupervisorStaff();
		List<AuditEntry> timeline = new ArrayList<>(audit.forCase(application.reference().value()));
		if (!staff) {
			timeline.removeIf(entry -> !ISSUER_TIMELINE.contains(entry.kind()));
		}
		java.util.Collections.reverse(timeline);
		model.addAttribute("theCase", application);
		model.addAttribute("content", application.content());
		model.addAttribute("clock", caseClock.read(application).orElse(null));
		// the stored pre-screen once it has run; until then a preview under today's
		// rules, labelled as one
		var preScreen = preScreens.preScreenOf(application.id()).orElse(null);
		model.addAttribute("preScreen", preScreen);
		model.addAttribute("checks", preScreen == null ? checks.run(application.content(), asOf) : null);
		model.addAttribute("documents", documents.list(user.actor(), application.id()));
		model.addAttribute("openRfi", rfis.openFor(application.id()).orElse(null));
		model.addAttribute("rfis", rfis.of(application.id()));
		model.addAttribute("flags", flags.of(application.id()));
		model.addAttribute("findings", staff ? findings.of(application.id()) : List.of());
		model.addAttribute("recommendation", staff ? recommendations.of(application.id()).orElse(null) : null);
		model.addAttribute("decision", decisions.of(application.id()).orElse(null));
		model.addAttribute("timeline", timeline);
		model.addAttribute("notes", staff ? notes.of(user.actor(), application.id()) : List.of());
		model.addAttribute("staff", staff);
		model.addAttribute("mayAct", user.actor().isIssuer());
		// after recognition: the reports filed, as stored, and those owed (staff read
		// them; the issuer files from here)
		boolean recognised = application.status() == jp.tobira.application.ApplicationStatus.APPROVED;
		model.addAttribute("reserveReports",
				recognised ? reserveReports.reportsOf(application.id()) : List.<Object>of());
		model.addAttribute("owed", recognised ? reportingSchedule.owedBy(application.id()).orElse(null) : null);
		model.addAttribute("documentTypes", DocumentType.values());
		return "applications/case";
	}

	/**
	 * An internal note from the case page; the service answers anyone but staff as for a
	 * case they may not see (404).
	 */
	@PostMapping("/cases/{id}/notes")
	String addNote(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam(required = false) String text, RedirectAttributes redirect) {
		try {
			notes.add(user.actor(), new ApplicationId(id), text, null);
			redirect.addFlashAttribute("message", "notes.added");
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("noteErrors", explanations.of(ex.problems()));
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("noteDraft", text);
		}
		return "redirect:/cases/" + id + "#notes";
	}

	@PreAuthorize(ISSUER_ONLY)
	@PostMapping("/cases/{id}/rfi-response")
	String answer(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, @RequestParam String message,
			@RequestParam(value = "file", required = false) MultipartFile file,
			@RequestParam(value = "type", required = false) DocumentType type, RedirectAttributes redirect)
			throws IOException {
		List<RequestsForInformation.DocumentUpload> uploads = new ArrayList<>();
		if (file != null && !file.isEmpty()) {
			uploads.add(new RequestsForInformation.DocumentUpload(type,
					new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType())));
		}
		try {
			rfis.answer(user.actor(), new ApplicationId(id), message, uploads);
			redirect.addFlashAttribute("message", "case.rfi.answered");
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("rfiErrors", explanations.of(ex.problems()));
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("answerDraft", message);
			redirect.addFlashAttribute("answerType", type == null ? null : type.name());
		}
		catch (DocumentQuotaExceeded | UploadRateExceeded ex) {
			// about the file: said beside it, with the answer kept to send without it
			redirect.addFlashAttribute("rfiErrors", explanations.of(ex.fields()));
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("answerDraft", message);
			redirect.addFlashAttribute("answerType", type == null ? null : type.name());
		}
		catch (ApplicationStateConflict ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("answerDraft", message);
		}
		return "redirect:/cases/" + id;
	}

	@PreAuthorize(ISSUER_ONLY)
	@GetMapping("/cases/{id}/withdraw")
	String confirmWithdrawal(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("theCase", applications.get(user.actor(), new ApplicationId(id)));
		return "applications/withdraw";
	}

	@PreAuthorize(ISSUER_ONLY)
	@PostMapping("/cases/{id}/withdraw")
	String withdraw(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			applications.withdraw(user.actor(), new ApplicationId(id), reason);
			redirect.addFlashAttribute("message", "case.withdrawn");
		}
		catch (InvalidInput | ApplicationStateConflict ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/cases/" + id;
	}

}
