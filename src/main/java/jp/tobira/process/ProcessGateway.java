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

	ProcessGateway(RuntimeService runtime, CaseProgress progress, Applications applications) {
		this.runtime = runtime;
		this.progress = progress;
		this.applications = applications;
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

	static ApplicationId idOf(String applicationId) {
		return ApplicationId.of(applicationId);
	}

}
