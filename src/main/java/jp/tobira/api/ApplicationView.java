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

/** An application as the API shows it: the pinned fields, the issuer's content unwrapped, and its documents. */
record ApplicationView(UUID id, String reference, ApplicationStatus status, Stage stage, Instant createdAt,
		Instant updatedAt, Instant submittedAt, String coverageRatio, @JsonUnwrapped ApplicationContent content,
		List<DocumentView> documents) {

	static ApplicationView of(Application application, List<Document> documents) {
		return new ApplicationView(application.id().value(), application.reference().value(), application.status(),
				application.stage(), application.createdAt(), application.updatedAt(), application.submittedAt(),
				application.content().coverageRatio().map(CoverageRatio::toString).orElse(null),
				application.content(), documents.stream().map(DocumentView::of).toList());
	}
}
