package jp.tobira.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.CoverageRatio;
import jp.tobira.application.Document;
import jp.tobira.application.Stage;
import jp.tobira.review.CheckReport;
import jp.tobira.review.CheckResult;
import jp.tobira.review.Flag;

/** An application as the API shows it: the pinned fields, the issuer's content unwrapped, and its documents. */
record ApplicationView(UUID id, String reference, ApplicationStatus status, Stage stage, Instant createdAt,
		Instant updatedAt, Instant submittedAt, String coverageRatio, List<Flag> flags, List<CheckResult> checks,
		@JsonUnwrapped ApplicationContent content, List<DocumentView> documents) {

	/** The application with its documents and the automatic checks (as of submission, or today for a draft). */
	static ApplicationView of(Application application, List<Document> documents, CheckReport checks) {
		return new ApplicationView(application.id().value(), application.reference().value(), application.status(),
				application.stage(), application.createdAt(), application.updatedAt(), application.submittedAt(),
				application.content().coverageRatio().map(CoverageRatio::toString).orElse(null), checks.flags(),
				checks.results(), application.content(), documents.stream().map(DocumentView::of).toList());
	}
}
