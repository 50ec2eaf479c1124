package jp.tobira.casefile.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationStatus;
import jp.tobira.application.ClockReading;
import jp.tobira.application.CoverageRatio;
import jp.tobira.application.Document;
import jp.tobira.application.Stage;
import jp.tobira.checks.CheckReport;
import jp.tobira.checks.CheckResult;
import jp.tobira.checks.Flag;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.api.PreScreenView;
import jp.tobira.decision.Decision;
import jp.tobira.decision.Outcome;

/**
 * An application as the API shows it: the pinned fields, the issuer's content unwrapped,
 * and its documents. {@code clock} and {@code decision} are pinned fields of
 * ARCHITECTURE.md §8, so they are always in the body, as {@code null} while a draft has
 * no clock or a case no decision (the API otherwise leaves out null fields).
 */
record ApplicationView(UUID id, String reference, ApplicationStatus status, Stage stage, Instant createdAt,
		Instant updatedAt, Instant submittedAt, @JsonInclude(JsonInclude.Include.ALWAYS) Clock clock,
		String coverageRatio, List<Flag> flags, List<CheckResult> checks,
		@JsonInclude(JsonInclude.Include.ALWAYS) DecisionView decision, @JsonUnwrapped ApplicationContent content,
		List<DocumentView> documents, @JsonInclude(JsonInclude.Include.ALWAYS) PreScreenView preScreen,
		List<PreScreenView> reRuns) {

	/** "Day X of N" and whether the clock stands still; absent for a draft. */
	record Clock(int day, int of, boolean paused, LocalDate dueDate, boolean overdue) {

		static Clock of(ClockReading reading) {
			return new Clock(reading.day(), reading.of(), reading.paused(), reading.dueDate(), reading.overdue());
		}
	}

	record DecisionView(Outcome decision, String reasons, String conditions, Instant decidedAt, String recordSha256) {

		static DecisionView of(Decision decision) {
			return new DecisionView(decision.outcome(), decision.reasons(), decision.conditions(), decision.decidedAt(),
					decision.recordSha256());
		}
	}

	/**
	 * The application with its documents, clock, decision and the checks: the stored
	 * pre-screen's once it has run, until then the checks under today's rules (as of
	 * submission, or today for a draft), with no pre-screen.
	 */
	static ApplicationView of(Application application, List<Document> documents, Optional<ClockReading> clock,
			CheckReport checks, Optional<Decision> decision, Optional<PreScreenEvaluation> preScreen,
			List<PreScreenEvaluation> reRuns) {
		return new ApplicationView(application.id().value(), application.reference().value(), application.status(),
				application.stage(), application.createdAt(), application.updatedAt(), application.submittedAt(),
				clock.map(Clock::of).orElse(null),
				application.content().coverageRatio().map(CoverageRatio::toString).orElse(null), checks.flags(),
				checks.results(), decision.map(DecisionView::of).orElse(null), application.content(),
				documents.stream().map(DocumentView::of).toList(), preScreen.map(PreScreenView::of).orElse(null),
				reRuns.stream().map(PreScreenView::of).toList());
	}
}
