package jp.tobira.supervision.api;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.DocumentService;
import jp.tobira.security.TobiraUser;
import jp.tobira.supervision.ReserveReport;
import jp.tobira.supervision.ReserveReportFiling;
import jp.tobira.supervision.ReserveReports;

/**
 * The monthly reserve reports of a recognised token (DESIGN.md §8). Translates HTTP to
 * service calls and nothing more: the JSON part is read as every JSON body is (its text
 * held to the control-character rule), the file as every upload.
 */
@RestController
@RequestMapping("/api/v1/applications/{id}/reserve-reports")
@Tag(name = "Reserve reports", description = "A recognised token's monthly reserve reports and their checks")
class ReserveReportsController {

	private final ReserveReports reports;

	ReserveReportsController(ReserveReports reports) {
		this.reports = reports;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "File a month's reserve report (issuer): part report (application/json) and part file "
			+ "(the accountant's attestation); a second report of a month is its next version")
	ResponseEntity<ReserveReportView> file(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestPart("report") ReserveReportFiling report, @RequestPart("file") MultipartFile file)
			throws IOException {
		ReserveReport filed = reports.file(user.actor(), new ApplicationId(id), report,
				new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType()));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{reportId}")
			.buildAndExpand(filed.id())
			.toUri();
		return ResponseEntity.created(location).body(ReserveReportView.of(filed));
	}

	@GetMapping
	@Operation(summary = "The case's reserve reports, by month and version, each with its checks as filed")
	List<ReserveReportView> list(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		return reports.reportsOf(user.actor(), new ApplicationId(id)).stream().map(ReserveReportView::of).toList();
	}

	@GetMapping("/{reportId}")
	@Operation(summary = "One reserve report with its checks as filed")
	ReserveReportView one(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@PathVariable UUID reportId) {
		return ReserveReportView.of(reports.report(user.actor(), new ApplicationId(id), reportId));
	}

}
