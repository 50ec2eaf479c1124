package jp.tobira.casefile.api;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.CaseClock;
import jp.tobira.application.DocumentService;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.PreScreenEvaluations;
import jp.tobira.decision.Decisions;
import jp.tobira.security.Actor;

/** Assembles the API's view of an application from the services that own each part. */
@Component
class ApplicationViews {

	private final DocumentService documents;

	private final AutomaticChecks checks;

	private final CaseClock caseClock;

	private final Decisions decisions;

	private final PreScreenEvaluations preScreens;

	ApplicationViews(DocumentService documents, AutomaticChecks checks, CaseClock caseClock, Decisions decisions,
			PreScreenEvaluations preScreens) {
		this.preScreens = preScreens;
		this.documents = documents;
		this.checks = checks;
		this.caseClock = caseClock;
		this.decisions = decisions;
	}

	ApplicationView of(Actor actor, Application application) {
		LocalDate asOf = caseClock.checksDay(application);
		java.util.Optional<PreScreenEvaluation> preScreen = preScreens.preScreenOf(application.id());
		return ApplicationView.of(application, documents.list(actor, application.id()), caseClock.read(application),
				preScreen.map(PreScreenEvaluation::report).orElseGet(() -> checks.run(application.content(), asOf)),
				decisions.of(application.id()), preScreen,
				// a reviewer's re-runs are the supervisor's working papers, not the
				// issuer's
				actor.isSupervisorStaff() ? preScreens.reRunsOf(application.id()) : java.util.List.of());
	}

}
