package jp.tobira.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * One decision table of {@code bpmn/} as shipped on the classpath, evaluated by Camunda's
 * standalone DMN engine (no process engine, no Spring): what each evaluation returned and
 * which rules matched.
 */
final class ShippedDecisionTable {

	/** The rules that matched and the result, row by row. */
	record Evaluation(List<String> ruleIds, List<Map<String, Object>> rows) {

		Map<String, Object> single() {
			if (rows.size() != 1) {
				throw new AssertionError("Expected exactly one result row, got " + rows + " from rules " + ruleIds);
			}
			return rows.get(0);
		}
	}

	private final DmnEngine engine;

	private final DmnDecision decision;

	private final DmnModelInstance model;

	private final List<List<String>> matched = new ArrayList<>();

	ShippedDecisionTable(String resource, String decisionKey) {
		DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration();
		configuration.customPostDecisionTableEvaluationListeners(List.of(new DmnDecisionTableEvaluationListener() {
			@Override
			public void notify(DmnDecisionTableEvaluationEvent event) {
				matched.add(event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList());
			}
		}));
		this.engine = configuration.buildEngine();
		try (InputStream xml = open(resource)) {
			this.decision = engine.parseDecision(decisionKey, xml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try (InputStream xml = open(resource)) {
			this.model = Dmn.readModelFromStream(xml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream open(String resource) {
		InputStream xml = ShippedDecisionTable.class.getClassLoader().getResourceAsStream(resource);
		if (xml == null) {
			throw new AssertionError(resource + " is not on the classpath");
		}
		return xml;
	}

	/** Evaluates the table; a null value is passed as a variable with no value. */
	Evaluation evaluate(Map<String, ?> variables) {
		matched.clear();
		Map<String, Object> input = new HashMap<>(variables);
		List<Map<String, Object>> rows = engine.evaluateDecisionTable(decision, input)
			.getResultList()
			.stream()
			.map(row -> (Map<String, Object>) new LinkedHashMap<>(row))
			.toList();
		if (matched.size() != 1) {
			throw new AssertionError("Expected one table evaluation, saw " + matched.size());
		}
		return new Evaluation(matched.get(0), rows);
	}

	HitPolicy hitPolicy() {
		return table().getHitPolicy();
	}

	List<String> ruleIds() {
		return table().getRules().stream().map(Rule::getId).toList();
	}

	List<String> inputExpressions() {
		return table().getInputs().stream().map(i -> i.getInputExpression().getText().getTextContent()).toList();
	}

	List<String> outputNames() {
		return table().getOutputs().stream().map(o -> o.getName()).toList();
	}

	private DecisionTable table() {
		return model.getModelElementsByType(DecisionTable.class).iterator().next();
	}

}
