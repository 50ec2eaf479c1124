package jp.tobira.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

import jp.tobira.checks.PreScreenEvaluation;
import jp.tobira.checks.PreScreenTable;

/**
 * The deployed pre-screen table, fed the same variables the process feeds it
 * ({@link PreScreenInputs}).
 */
@Component
class EnginePreScreenTable implements PreScreenTable {

	static final String DECISION = "pre-screen";

	private final DecisionService decisions;

	EnginePreScreenTable(DecisionService decisions) {
		this.decisions = decisions;
	}

	@Override
	public List<Map<String, Object>> fire(PreScreenEvaluation measured) {
		Map<String, Object> variables = new HashMap<>(PreScreenInputs.variables(measured));
		variables.put(ApplicationProcess.Variables.JURISDICTION_STATUS, measured.configuration().jurisdictionStatus());
		return decisions.evaluateDecisionTableByKey(DECISION, variables).getResultList();
	}

}
