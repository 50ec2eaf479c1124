package jp.tobira.audit.web;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.audit.AuditCsvDownload;
import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditVerifier;

/**
 * The admin's audit log: filtered and paged, its CSV export and the verification of its
 * chain.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPages {

	static final int PAGE_SIZE = 50;

	private final AuditEntries audit;

	private final AuditVerifier verifier;

	private final Clock clock;

	AuditPages(AuditEntries audit, AuditVerifier verifier, Clock clock) {
		this.audit = audit;
		this.verifier = verifier;
		this.clock = clock;
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
		model.addAttribute("filter",
				java.util.Map.of("kind", kind == null ? "" : kind.name(), "actor", actor == null ? "" : actor,
						"reference", reference == null ? "" : reference, "from", from == null ? "" : from.toString(),
						"to", to == null ? "" : to.toString()));
		model.addAttribute("filtered", filter.kind() != null || filter.actor() != null || filter.caseReference() != null
				|| from != null || to != null);
		return "admin/audit";
	}

	/**
	 * The entries the audit page shows, with its filters, as CSV (oldest first, the
	 * columns of the whole log's export at {@code /api/v1/audit.csv}, cells guarded
	 * against formulas).
	 */
	@GetMapping("/admin/audit.csv")
	void auditCsv(@RequestParam(required = false) AuditKind kind, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String reference,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			HttpServletResponse response) throws IOException {
		AuditCsvDownload.send(response, "tobira-audit-filtered.csv",
				out -> audit.writeCsv(filter(kind, actor, reference, from, to), out));
	}

	private AuditEntries.Filter filter(AuditKind kind, String actor, String reference, LocalDate from, LocalDate to) {
		ZoneId zone = clock.getZone();
		Instant start = from == null ? null : from.atStartOfDay(zone).toInstant();
		Instant end = to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
		return new AuditEntries.Filter(kind, blankToNull(actor), blankToNull(reference), start, end);
	}

	@PostMapping("/admin/audit/verify")
	String verify(Principal admin, RedirectAttributes redirect) {
		redirect.addFlashAttribute("verification", verifier.verifyAndRecord(admin.getName()));
		return "redirect:/admin/audit";
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
