package jp.tobira.review;

import org.springframework.stereotype.Service;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.CaseClock;
import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.PreScreenEvaluations;
import jp.tobira.security.Actor;

/**
 * A reviewer's re-run of the automatic checks under the rulebook version in force now,
 * from a task they may open: the screen's button and the API's call both come here. The
 * ages are measured to the same day as the pre-screen's (the day of submission), so the
 * two differ only by the rulebook's version and the jurisdiction table.
 */
@Service
public class PreScreenReRuns {

	private final ReviewTasks tasks;

	private final ApplicationService applications;

	private final PreScreenEvaluations evaluations;

	private final CaseClock caseClock;

	PreScreenReRuns(ReviewTasks tasks, ApplicationService applications, PreScreenEvaluations evaluations,
			CaseClock caseClock) {
		this.tasks = tasks;
		this.applications = applications;
		this.evaluations = evaluations;
		this.caseClock = caseClock;
	}

	/** Stores and audits the re-run; refused as opening the task would be. */
	public PreScreenEvaluation reRun(Actor reviewer, String taskId) {
		ReviewTasks.TaskOnCase task = tasks.open(reviewer, taskId);
		Application application = applications.get(reviewer, new ApplicationId(task.applicationId()));
		return evaluations.reRun(reviewer.username(), application.id(), application.content(),
				caseClock.checksDay(application));
	}

}
