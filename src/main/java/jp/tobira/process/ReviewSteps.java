package jp.tobira.process;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import jp.tobira.checks.CaseFlags;

/** Records the pre-screen's result: the flags and the rules that raised them, for every screen to explain. */
@Component("reviewSteps")
public class ReviewSteps {

	private final CaseFlags flags;

	ReviewSteps(CaseFlags flags) {
		this.flags = flags;
	}

	public void preScreened(String applicationId, List<Map<String, Object>> fired) {
		flags.raise(ProcessGateway.idOf(applicationId), fired);
	}
}
