package jp.tobira.process;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationSubmitted;
import jp.tobira.application.ApplicationWithdrawn;
import jp.tobira.application.Applications;
import jp.tobira.application.CaseProgress;
import jp.tobira.application.RfiAnswered;
import jp.tobira.supervision.ReserveReportFiled;
import jp.tobira.supervision.Supervision;
import jp.tobira.supervision.SupervisionSurrendered;

/**
 * Turns the domain's events into the engine's: a submission starts the process, an answer
 * to a request for information and a withdrawal are messages to it. Each runs
 * synchronously inside the transaction that published the event, so no acknowledged
 * submission is ever without its process.
 */
@Component
class ProcessGateway {

	private final RuntimeService runtime;

	private final CaseProgress progress;

	private final Applications applications;

	private final Supervision supervision;

	ProcessGateway(RuntimeService runtime, CaseProgress progress, Applications applications, Supervision supervision) {
		this.runtime = runtime;
		this.progress = progress;
		this.applications = applications;
		this.supervision = supervision;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ApplicationSubmitted submitted) {
		String jurisdiction = applications.findById(submitted.applicationId())
			.orElseThrow()
			.content()
			.issuer()
			.jurisdiction();
		ProcessInstance instance = runtime.startProcessInstanceByKey(ApplicationProcess.KEY,
				submitted.reference().value(), Map.of(ApplicationProcess.Variables.APPLICATION_ID,
						submitted.applicationId().toString(), ApplicationProcess.Variables.JURISDICTION, jurisdiction));
		progress.processStarted(submitted.applicationId(), instance.getId());
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(RfiAnswered answered) {
		runtime.createMessageCorrelation(ApplicationProcess.RFI_ANSWERED)
			.processInstanceBusinessKey(answered.reference().value())
			.correlate();
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ApplicationWithdrawn withdrawn) {
		if (withdrawn.wasDraft()) {
			return;
		}
		runtime.createMessageCorrelation(ApplicationProcess.WITHDRAWN)
			.processInstanceBusinessKey(withdrawn.reference().value())
			.correlate();
	}

	/**
	 * A token was recognised: its supervision starts, in the recognition's transaction,
	 * watching the month of the recognition first.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void startSupervision(ApplicationId id) {
		String reference = applications.findById(id).orElseThrow().reference().value();
		String firstPeriod = supervision.firstPeriod().toString();
		ProcessInstance instance = runtime.startProcessInstanceByKey(TokenSupervision.KEY, reference,
				Map.of(TokenSupervision.Variables.APPLICATION_ID, id.toString(), TokenSupervision.Variables.PERIOD,
						firstPeriod, TokenSupervision.Variables.LAST_FILED_PERIOD, "",
						TokenSupervision.Variables.SUSPENDED, false));
		supervision.started(id, reference, instance.getId(), java.time.YearMonth.parse(firstPeriod));
	}

	/**
	 * A reserve report was filed: the supervision process hears of it with the report's
	 * month, version and whether it raised flags, local to the filing's event
	 * sub-process, so two filings in flight do not overwrite each other's. Only the
	 * supervision waits for these messages: the application's process of the same
	 * business key ended at recognition.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ReserveReportFiled filed) {
		if (supervision.of(filed.applicationId()).filter(state -> !state.ended()).isEmpty()) {
			// a token recognised before supervision was built, or one whose recognition
			// has ended: no process to tell (the filing itself refuses the latter)
			return;
		}
		runtime.createMessageCorrelation(TokenSupervision.REPORT_FILED)
			.processInstanceBusinessKey(filed.reference().value())
			.setVariableLocal(TokenSupervision.Variables.REPORT_PERIOD, filed.period().toString())
			.setVariableLocal(TokenSupervision.Variables.REPORT_VERSION, filed.version())
			.setVariableLocal(TokenSupervision.Variables.REPORT_FLAGGED, filed.flagged())
			.setVariableLocal(TokenSupervision.Variables.REPORT_ID, filed.reportId().toString())
			.correlate();
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(SupervisionSurrendered surrendered) {
		runtime.createMessageCorrelation(TokenSupervision.SURRENDERED)
			.processInstanceBusinessKey(surrendered.reference().value())
			.correlate();
	}

	static ApplicationId idOf(String applicationId) {
		return ApplicationId.of(applicationId);
	}

}
