package jp.tobira.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.model.dmn.instance.Text;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import jp.tobira.cooperation.Jurisdiction;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.cooperation.JurisdictionsChanged;
import jp.tobira.startup.StartupStep;

/**
 * Keeps the engine's {@code jurisdictions} decision table in step with the jurisdiction
 * data: one rule per judged jurisdiction above the default rule of
 * {@code bpmn/jurisdictions.dmn}. Regenerated in the admin's transaction on every change,
 * and at start-up, so the model always decides by the current table and the history shows
 * which version of the table a case was classified by.
 */
@Component
class JurisdictionTable extends StartupStep {

	static final String RESOURCE = "jurisdictions.dmn";

	static final String DECISION_KEY = "jurisdictions";

	private final RepositoryService repository;

	private final Jurisdictions jurisdictions;

	JurisdictionTable(RepositoryService repository, Jurisdictions jurisdictions) {
		super(Sequence.DECISION_TABLES);
		this.repository = repository;
		this.jurisdictions = jurisdictions;
	}

	/**
	 * At every start, so a release that ships a changed {@code bpmn/jurisdictions.dmn}
	 * (deployed anew by the auto-deployment) still answers from the jurisdiction data.
	 */
	@Override
	protected void runAtStart() {
		synchronise();
	}

	@EventListener
	void on(JurisdictionsChanged changed) {
		synchronise();
	}

	void synchronise() {
		String wanted = render(jurisdictions.all());
		DecisionDefinition latest = repository.createDecisionDefinitionQuery()
			.decisionDefinitionKey(DECISION_KEY)
			.latestVersion()
			.singleResult();
		if (latest != null && wanted.equals(deployed(latest))) {
			return;
		}
		repository.createDeployment().name("jurisdictions").addString(RESOURCE, wanted).deploy();
	}

	private String deployed(DecisionDefinition definition) {
		try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(),
				definition.getResourceName())) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The shipped table with a rule per judged jurisdiction above its own rules. */
	static String render(List<Jurisdiction> judged) {
		try (InputStream in = new ClassPathResource("bpmn/" + RESOURCE).getInputStream()) {
			return render(in, judged);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Built through the DMN model, not by editing the text, so that a Camunda Modeler
	 * re-save of the shipped file (other indentation, attribute order or ids) still
	 * works. The shipped rules, the default for a jurisdiction not yet judged, are taken
	 * out, a rule per judged jurisdiction is added and the shipped rules go back below
	 * them: under the table's hit policy FIRST a judged jurisdiction's own rule wins.
	 */
	static String render(InputStream shipped, List<Jurisdiction> judged) {
		DmnModelInstance model = Dmn.readModelFromStream(shipped);
		Decision decision = model.getModelElementById(DECISION_KEY);
		if (decision == null || !(decision.getExpression() instanceof DecisionTable table)) {
			throw new IllegalStateException("bpmn/" + RESOURCE + " has no decision table " + DECISION_KEY);
		}
		if (table.getInputs().size() != 1 || table.getOutputs().size() != 1) {
			// each generated rule fills one input (the jurisdiction) and one output (its
			// status)
			throw new IllegalStateException("bpmn/" + RESOURCE + " must have one input and one output, not "
					+ table.getInputs().size() + " and " + table.getOutputs().size());
		}
		List<Rule> shippedRules = List.copyOf(table.getRules());
		shippedRules.forEach(table.getRules()::remove);
		for (Jurisdiction jurisdiction : judged) {
			table.getRules().add(rule(model, jurisdiction));
		}
		table.getRules().addAll(shippedRules);
		Dmn.validateModel(model);
		return Dmn.convertToString(model);
	}

	private static Rule rule(DmnModelInstance model, Jurisdiction jurisdiction) {
		String id = DECISION_KEY + "-" + jurisdiction.code();
		Rule rule = model.newInstance(Rule.class, id);
		Description description = model.newInstance(Description.class);
		description.setTextContent(jurisdiction.name());
		rule.setDescription(description);
		InputEntry in = model.newInstance(InputEntry.class, id + "-in");
		in.setText(text(model, jurisdiction.code()));
		rule.getInputEntries().add(in);
		OutputEntry out = model.newInstance(OutputEntry.class, id + "-out");
		out.setText(text(model, jurisdiction.status().name()));
		rule.getOutputEntries().add(out);
		return rule;
	}

	/**
	 * A FEEL string literal; codes and statuses are letters and underscores, so nothing
	 * needs escaping.
	 */
	private static Text text(DmnModelInstance model, String value) {
		Text text = model.newInstance(Text.class);
		text.setTextContent("\"" + value + "\"");
		return text;
	}

}
