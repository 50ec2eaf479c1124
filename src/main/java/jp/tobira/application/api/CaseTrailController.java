package jp.tobira.application.api;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.audit.AuditCsvDownload;
import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditEntry;
import jp.tobira.audit.AuditKind;
import jp.tobira.security.TobiraUser;

/**
 * A case's audit trail over HTTP: what an issuer sees of its own case, and the whole
 * trail for supervisor staff.
 */
@RestController
@Tag(name = "Audit", description = "The hash-chained audit log")
class CaseTrailController {

	/**
	 * What an issuer sees of its own case's trail: what happened, not the supervisor's
	 * internal working.
	 */
	static final List<AuditKind> ISSUER_VISIBLE = List.of(AuditKind.APPLICATION_CREATED, AuditKind.APPLICATION_UPDATED,
			AuditKind.DOCUMENT_STORED, AuditKind.APPLICATION_SUBMITTED, AuditKind.APPLICATION_WITHDRAWN,
			AuditKind.RFI_ISSUED, AuditKind.RFI_RESPONDED, AuditKind.DECIDED, AuditKind.APPLICATION_LAPSED,
			AuditKind.REGISTER_ENTRY_ADDED);

	private final AuditEntries entries;

	private final ApplicationService applications;

	CaseTrailController(AuditEntries entries, ApplicationService applications) {
		this.entries = entries;
		this.applications = applications;
	}

	@GetMapping("/api/v1/applications/{id}/audit")
	@Operation(summary = "A case's audit trail (an issuer sees the steps that concern it)")
	List<AuditEntry> caseTrail(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		Application application = applications.get(user.actor(), new ApplicationId(id));
		List<AuditEntry> trail = entries.forCase(application.reference().value());
		return user.actor().isSupervisorStaff() ? trail
				: trail.stream().filter(entry -> ISSUER_VISIBLE.contains(entry.kind())).toList();
	}

	@GetMapping("/api/v1/applications/{id}/audit.csv")
	@Operation(summary = "The case's audit trail as CSV")
	void caseTrailCsv(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, HttpServletResponse response)
			throws IOException {
		Application application = applications.get(user.actor(), new ApplicationId(id));
		if (!user.actor().isSupervisorStaff()) {
			throw new org.springframework.security.access.AccessDeniedException(
					"The CSV export of a case's trail is for supervisor staff.");
		}
		AuditCsvDownload.send(response, "tobira-audit-" + application.reference() + ".csv",
				out -> entries.writeCsv(application.reference().value(), out));
	}

}
