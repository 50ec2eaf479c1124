package jp.tobira.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdiction;

/**
 * The generated {@code jurisdictions} table, evaluated by Camunda's DMN engine: from the
 * shipped file, and from the same table as a Camunda Modeler re-save could write it.
 */
class JurisdictionTableTests {

	private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

	private static final List<Jurisdiction> JUDGED = List.of(judged("CH", "Switzerland", EquivalenceStatus.EQUIVALENT),
			judged("KY", "Cayman Islands", EquivalenceStatus.NOT_EQUIVALENT),
			judged("GB", "United Kingdom & Gibraltar <test>", EquivalenceStatus.UNDER_ASSESSMENT));

	/**
	 * The shipped table re-saved: other indentation, attributes in another order,
	 * namespace prefixes, a rule without the id the old text insertion looked for.
	 */
	private static final String RESAVED = """
			<?xml version="1.0" encoding="UTF-8"?>
			<dmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn" namespace="https://tobira.example/dmn" name="Jurisdictions" id="jurisdictions-definitions">
			    <dmn:decision name="Jurisdictions" id="jurisdictions" camunda:historyTimeToLive="P3650D">
			        <dmn:decisionTable hitPolicy="FIRST" id="DecisionTable_0x1">
			            <dmn:input label="Home jurisdiction (ISO 3166)" id="Input_1">
			                <dmn:inputExpression typeRef="string" id="InputExpression_1">
			                    <dmn:text>jurisdiction</dmn:text>
			                </dmn:inputExpression>
			            </dmn:input>
			            <dmn:output typeRef="string" name="status" label="Status" id="Output_1"/>
			            <dmn:rule id="DecisionRule_default">
			                <dmn:description>Any jurisdiction not yet judged</dmn:description>
			                <dmn:inputEntry id="UnaryTests_1"><dmn:text>-</dmn:text></dmn:inputEntry>
			                <dmn:outputEntry id="LiteralExpression_1"><dmn:text>"UNDER_ASSESSMENT"</dmn:text></dmn:outputEntry>
			            </dmn:rule>
			        </dmn:decisionTable>
			    </dmn:decision>
			</dmn:definitions>
			""";

	@Test
	void decidesEachJudgedJurisdictionByItsRuleAndAnyOtherByTheDefault() {
		String table = JurisdictionTable.render(JUDGED);

		assertThat(statusOf(table, "CH")).isEqualTo("EQUIVALENT");
		assertThat(statusOf(table, "KY")).isEqualTo("NOT_EQUIVALENT");
		assertThat(statusOf(table, "GB")).isEqualTo("UNDER_ASSESSMENT");
		assertThat(statusOf(table, "US")).as("not judged").isEqualTo("UNDER_ASSESSMENT");
		assertThat(table).as("the name is escaped by the XML writer")
			.contains("United Kingdom &amp; Gibraltar &lt;test&gt;");
		assertThat(table).as("the shipped diagram is kept").contains("jurisdictions-shape");
	}

	@Test
	void worksFromATableTheModelerReSaved() {
		String table = JurisdictionTable.render(stream(RESAVED), JUDGED);

		assertThat(statusOf(table, "CH")).isEqualTo("EQUIVALENT");
		assertThat(statusOf(table, "KY")).isEqualTo("NOT_EQUIVALENT");
		assertThat(statusOf(table, "US")).isEqualTo("UNDER_ASSESSMENT");
		assertThat(table.indexOf("jurisdictions-KY")).as("judged rules above the default")
			.isLessThan(table.indexOf("DecisionRule_default"));
	}

	@Test
	void rendersTheSameTableTwiceSoAnUnchangedTableIsNotRedeployed() {
		assertThat(JurisdictionTable.render(JUDGED)).isEqualTo(JurisdictionTable.render(JUDGED));
	}

	@Test
	void withNoJudgedJurisdictionDecidesEverythingUnderAssessment() {
		assertThat(statusOf(JurisdictionTable.render(List.of()), "CH")).isEqualTo("UNDER_ASSESSMENT");
	}

	private static String statusOf(String table, String jurisdiction) {
		DmnDecision decision = DMN.parseDecision(JurisdictionTable.DECISION_KEY, stream(table));
		return DMN.evaluateDecisionTable(decision, Variables.createVariables().putValue("jurisdiction", jurisdiction))
			.getSingleResult()
			.getSingleEntry();
	}

	private static ByteArrayInputStream stream(String xml) {
		return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
	}

	private static Jurisdiction judged(String code, String name, EquivalenceStatus status) {
		return new Jurisdiction(code, name, status, null, null, null, "admin", Instant.EPOCH);
	}

}
