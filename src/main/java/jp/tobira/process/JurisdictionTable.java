package jp.tobira.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import jp.tobira.cooperation.Jurisdiction;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.startup.StartupStep;
import jp.tobira.cooperation.JurisdictionsChanged;

/**
 * Keeps the engine's {@code jurisdictions} decision table in step with the jurisdiction data: one rule per judged
 * jurisdiction above the default rule of {@code bpmn/jurisdictions.dmn}. Regenerated in the admin's transaction on
 * every change, and at start-up, so the model always decides by the current table and the history shows which
 * version of the table a case was classified by.
 */
@Component
class JurisdictionTable extends StartupStep {

	static final String RESOURCE = "jurisdictions.dmn";

	private static final String RULES_MARKER = "      <rule id=\"jurisdictions-rule-1\">";

	private final RepositoryService repository;

	private final Jurisdictions jurisdictions;

	JurisdictionTable(RepositoryService repository, Jurisdictions jurisdictions) {
		super(Sequence.DECISION_TABLES);
		this.repository = repository;
		this.jurisdictions = jurisdictions;
	}

	/**
	 * At every start, so a release that ships a changed {@code bpmn/jurisdictions.dmn} (deployed anew by the
	 * auto-deployment) still answers from the jurisdiction data.
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
			.decisionDefinitionKey("jurisdictions")
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

	/** The shipped table with a rule per judged jurisdiction inserted before its default rule. */
	static String render(List<Jurisdiction> judged) {
		String template = template();
		StringBuilder rules = new StringBuilder();
		for (Jurisdiction jurisdiction : judged) {
			String id = "jurisdictions-" + jurisdiction.code();
			rules.append("      <rule id=\"").append(id).append("\"><description>")
				.append(HtmlUtils.htmlEscape(jurisdiction.name()))
				.append("</description>\n")
				.append("        <inputEntry id=\"").append(id).append("-in\"><text>&quot;")
				.append(jurisdiction.code()).append("&quot;</text></inputEntry>\n")
				.append("        <outputEntry id=\"").append(id).append("-out\"><text>&quot;")
				.append(jurisdiction.status().name()).append("&quot;</text></outputEntry>\n")
				.append("      </rule>\n");
		}
		int at = template.indexOf(RULES_MARKER);
		if (at < 0) {
			throw new IllegalStateException("bpmn/jurisdictions.dmn has lost its default rule " + RULES_MARKER.strip());
		}
		return template.substring(0, at) + rules + template.substring(at);
	}

	private static String template() {
		try (InputStream in = new ClassPathResource("bpmn/" + RESOURCE).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
