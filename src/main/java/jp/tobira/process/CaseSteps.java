package jp.tobira.process;

import org.springframework.stereotype.Component;

import jp.tobira.application.CaseProgress;

/**
 * The model's case steps ({@code ${caseSteps.…(applicationId)}}): each moves the case
 * through its service.
 */
@Component("caseSteps")
public class CaseSteps {

	private final CaseProgress progress;

	CaseSteps(CaseProgress progress) {
		this.progress = progress;
	}

	public void opened(String applicationId) {
		progress.completenessCheckOpened(ProcessGateway.idOf(applicationId));
	}

	public void inReview(String applicationId) {
		progress.reviewStarted(ProcessGateway.idOf(applicationId));
	}

	public void lapsed(String applicationId) {
		progress.lapsed(ProcessGateway.idOf(applicationId));
	}

	public void withdrawn(String applicationId) {
		progress.withdrawalClosed(ProcessGateway.idOf(applicationId));
	}

}
