package jp.tobira.process;

import java.time.YearMonth;

import org.springframework.stereotype.Component;

import jp.tobira.review.Findings;
import jp.tobira.review.ReinstatementDecision;
import jp.tobira.review.SuspensionDecision;
import jp.tobira.supervision.Supervision;

/**
 * The supervision model's steps: a report overdue, and the register's changes the
 * decision group decided. A decision's reasons and its decider are those of the finding
 * its task just recorded, so the register says what the decider wrote.
 */
@Component("supervisionSteps")
public class SupervisionSteps {

	private final Supervision supervision;

	private final Findings findings;

	SupervisionSteps(Supervision supervision, Findings findings) {
		this.supervision = supervision;
		this.findings = findings;
	}

	/** "Mark the report overdue". */
	public void overdue(String applicationId, String period) {
		supervision.overdue(ProcessGateway.idOf(applicationId), YearMonth.parse(period));
	}

	/** "Suspend the recognition". */
	public void suspended(String applicationId) {
		Findings.Finding decided = latest(applicationId, SuspensionDecision.KEY);
		supervision.suspend(ProcessGateway.idOf(applicationId), decided.text(), decided.recordedBy());
	}

	/** "Reinstate the recognition". */
	public void reinstated(String applicationId) {
		Findings.Finding decided = latest(applicationId, ReinstatementDecision.KEY);
		supervision.reinstate(ProcessGateway.idOf(applicationId), decided.text(), decided.recordedBy());
	}

	/**
	 * "Revoke the recognition", from either decision task: whichever of the two was
	 * decided last.
	 */
	public void revoked(String applicationId) {
		Findings.Finding decided = findings.of(ProcessGateway.idOf(applicationId))
			.stream()
			.filter(finding -> SuspensionDecision.KEY.equals(finding.taskKey())
					|| ReinstatementDecision.KEY.equals(finding.taskKey()))
			.reduce(SupervisionSteps::later)
			.orElseThrow();
		supervision.revoke(ProcessGateway.idOf(applicationId), decided.text(), decided.recordedBy());
	}

	/**
	 * The later of two findings; of two recorded at the same instant, the one listed
	 * last.
	 */
	private static Findings.Finding later(Findings.Finding one, Findings.Finding other) {
		return other.recordedAt().isBefore(one.recordedAt()) ? one : other;
	}

	private Findings.Finding latest(String applicationId, String taskKey) {
		return findings.of(ProcessGateway.idOf(applicationId))
			.stream()
			.filter(finding -> taskKey.equals(finding.taskKey()))
			.reduce(SupervisionSteps::later)
			.orElseThrow(() -> new IllegalStateException("No finding of " + taskKey + " for " + applicationId));
	}

}
