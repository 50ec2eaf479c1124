package jp.tobira.decision;

import java.util.List;

import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.Phrase;
import jp.tobira.validation.Refusal;

/**
 * An approval refused because a legal gate does not hold at the moment of decision
 * ({@link LegalGates}). Unprocessable (422), not forbidden: the decision-maker may decide
 * the case, and the request is well formed, but the case is not in a state the ordinance
 * lets anyone approve; it becomes approvable when the gates hold (a framework judged
 * equivalent, a confirmation recorded), and a rejection is possible now. Each failed gate
 * is named in the problem's {@code errors} and {@code missing}, by the gate's name.
 */
public class LegalGatesNotMet extends Refusal {

	private final transient List<LegalGates.FailedGate> failed;

	public LegalGatesNotMet(String reference, List<LegalGates.FailedGate> failed) {
		super(Kind.UNPROCESSABLE, "Legal gates not met",
				Phrase.of("gates.notMet", reference, failed.stream().map(gate -> (Object) gate.reason()).toList()));
		this.failed = List.copyOf(failed);
	}

	public List<LegalGates.FailedGate> failed() {
		return failed;
	}

	@Override
	public List<FieldProblem> fields() {
		return failed.stream().map(gate -> FieldProblem.of(gate.gate().name(), gate.reason())).toList();
	}

}
