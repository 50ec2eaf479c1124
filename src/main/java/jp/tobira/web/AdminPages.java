package jp.tobira.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;


import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.Holiday;
import jp.tobira.application.Holidays;
import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditVerifier;
import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.review.AutomaticChecks;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;

/** The operators' screens: the audit log and its verification, the jurisdiction table, holidays, thresholds. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminPages {

	static final int PAGE_SIZE = 50;


	private final AuditEntries audit;

	private final AuditVerifier verifier;

	private final Jurisdictions jurisdictions;

	private final Holidays holidays;

	private final AutomaticChecks checks;

	private final Clock clock;

	private final Explanations explanations;

	AdminPages(AuditEntries audit, AuditVerifier verifier, Jurisdictions jurisdictions, Holidays holidays,
			AutomaticChecks checks, Clock clock, Explanations explanations) {
		this.explanations = explanations;
		this.audit = audit;
		this.verifier = verifier;
		this.jurisdictions = jurisdictions;
		this.holidays = holidays;
		this.checks = checks;
		this.clock = clock;
	}

	@GetMapping("/admin")
	String overview(Model model) {
		model.addAttribute("holidayWarning", holidays.coverageWarning(LocalDate.now(clock)));
		model.addAttribute("coveredUntil", holidays.calendar().coveredUntil());
		model.addAttribute("thresholds", checks.limits().describe());
		return "admin/overview";
	}

	@GetMapping("/admin/audit")
	String auditLog(@RequestParam(required = false) AuditKind kind, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String reference,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, Model model) {
		AuditEntries.Filter filter = filter(kind, actor, reference, from, to);
		long total = audit.count(filter);
		model.addAttribute("entries", audit.page(filter, Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("total", total);
		model.addAttribute("page", Math.max(page, 0));
		model.addAttribute("pages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
		model.addAttribute("kinds", AuditKind.values());
		model.addAttribute("filter", java.util.Map.of("kind", kind == null ? "" : kind.name(), "actor",
				actor == null ? "" : actor, "reference", reference == null ? "" : reference, "from",
				from == null ? "" : from.toString(), "to", to == null ? "" : to.toString()));
		model.addAttribute("filtered", filter.kind() != null || filter.actor() != null
				|| filter.caseReference() != null || from != null || to != null);
		return "admin/audit";
	}

	/**
	 * The entries the audit page shows, with its filters, as CSV (oldest first, the columns of the whole log's export
	 * at {@code /api/v1/audit.csv}, cells guarded against formulas).
	 */
	@GetMapping("/admin/audit.csv")
	void auditCsv(@RequestParam(required = false) AuditKind kind, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String reference,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename("tobira-audit-filtered.csv").build().toString());
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		audit.writeCsv(filter(kind, actor, reference, from, to), out);
		out.flush();
	}

	private AuditEntries.Filter filter(AuditKind kind, String actor, String reference, LocalDate from, LocalDate to) {
		ZoneId zone = clock.getZone();
		Instant start = from == null ? null : from.atStartOfDay(zone).toInstant();
		Instant end = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
		return new AuditEntries.Filter(kind, blankToNull(actor), blankToNull(reference), start, end);
	}

	@PostMapping("/admin/audit/verify")
	String verify(@AuthenticationPrincipal TobiraUser user, RedirectAttributes redirect) {
		redirect.addFlashAttribute("verification", verifier.verifyAndRecord(user.getUsername()));
		return "redirect:/admin/audit";
	}

	@GetMapping("/admin/jurisdictions")
	String jurisdictions(Model model) {
		return jurisdictionsPage(model, Map.of(), Map.of());
	}

	/** A refused change comes back on the same page, each error next to its field and what was typed still there. */
	@PostMapping("/admin/jurisdictions")
	String setJurisdiction(@AuthenticationPrincipal TobiraUser user, @RequestParam String code,
			@RequestParam String name, @RequestParam EquivalenceStatus status,
			@RequestParam(required = false) String note, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			jurisdictions.set(user.getUsername(), code.strip().toUpperCase(), name, status, blankToNull(note));
			redirect.addFlashAttribute("message", "admin.saved");
			return "redirect:/admin/jurisdictions";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return jurisdictionsPage(model, errors(ex), Map.of("code", code, "name", name, "status", status.name(),
					"note", note == null ? "" : note));
		}
	}

	private String jurisdictionsPage(Model model, Map<String, String> errors, Map<String, String> typed) {
		model.addAttribute("jurisdictions", jurisdictions.all());
		model.addAttribute("statuses", EquivalenceStatus.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		return "admin/jurisdictions";
	}

	@GetMapping("/admin/holidays")
	String holidays(Model model) {
		return holidaysPage(model, Map.of(), Map.of());
	}

	@PostMapping("/admin/holidays")
	String addHoliday(@AuthenticationPrincipal TobiraUser user,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam String nameEn, @RequestParam String nameJa, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			holidays.add(user.getUsername(), new Holiday(day, nameEn, nameJa));
			redirect.addFlashAttribute("message", "admin.saved");
			return "redirect:/admin/holidays";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return holidaysPage(model, errors(ex), Map.of("day", day == null ? "" : day.toString(), "nameEn", nameEn,
					"nameJa", nameJa));
		}
	}

	private String holidaysPage(Model model, Map<String, String> errors, Map<String, String> typed) {
		model.addAttribute("holidays", holidays.all());
		model.addAttribute("holidayWarning", holidays.coverageWarning(LocalDate.now(clock)));
		model.addAttribute("coveredUntil", holidays.calendar().coveredUntil());
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		return "admin/holidays";
	}

	private Map<String, String> errors(InvalidInput ex) {
		return explanations.of(ex.problems());
	}

	@PostMapping("/admin/holidays/remove")
	String removeHoliday(@AuthenticationPrincipal TobiraUser user,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, RedirectAttributes redirect) {
		try {
			holidays.remove(user.getUsername(), day);
			redirect.addFlashAttribute("message", "admin.saved");
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/admin/holidays";
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
