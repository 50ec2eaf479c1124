package jp.tobira.audit.api;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.audit.AuditCsvDownload;
import jp.tobira.audit.AuditEntries;
import jp.tobira.audit.AuditEntry;
import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditVerifier;
import jp.tobira.audit.ChainVerification;
import jp.tobira.validation.InvalidInput;

/**
 * The admin's audit log over HTTP: the whole log filtered and paged, its CSV export and
 * the chain's verification.
 */
@RestController
@Tag(name = "Audit", description = "The hash-chained audit log")
class AuditController {

	private final AuditEntries entries;

	private final AuditVerifier verifier;

	AuditController(AuditEntries entries, AuditVerifier verifier) {
		this.entries = entries;
		this.verifier = verifier;
	}

	@GetMapping("/api/v1/audit/verify")
	@Operation(summary = "Re-walk the hash chain (admin)")
	ChainVerification verify(Principal admin) {
		return verifier.verifyAndRecord(admin.getName());
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "The audit log, filtered and paged, newest first (admin)")
	ResponseEntity<List<AuditEntry>> page(@RequestParam(required = false) AuditKind kind,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String reference,
			@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > 200) {
			throw InvalidInput.of(page < 0 ? "page" : "size", "problem.range");
		}
		AuditEntries.Filter filter = new AuditEntries.Filter(kind, actor, reference, from, to);
		return ResponseEntity.ok()
			.header("X-Total-Count", String.valueOf(entries.count(filter)))
			.body(entries.page(filter, page, size));
	}

	@GetMapping("/api/v1/audit.csv")
	@Operation(summary = "The whole audit log as CSV (admin)")
	void allCsv(HttpServletResponse response) throws IOException {
		AuditCsvDownload.send(response, "tobira-audit.csv", out -> entries.writeCsv((String) null, out));
	}

}
