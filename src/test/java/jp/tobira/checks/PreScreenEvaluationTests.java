package jp.tobira.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import jp.tobira.Fixtures;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.AssetClass;
import jp.tobira.cooperation.EquivalenceStatus;

/**
 * The stored JSON form of an evaluation reads back as the same words, whatever the
 * thresholds are later.
 */
class PreScreenEvaluationTests {

	static final ChecksProperties DEFAULTS = new ChecksProperties(new BigDecimal("1.00"),
			EnumSet.of(AssetClass.CASH, AssetClass.DEMAND_DEPOSIT, AssetClass.GOVERNMENT_BILL,
					AssetClass.GOVERNMENT_BOND, AssetClass.REVERSE_REPO),
			Period.ofYears(1), Period.ofDays(35), Period.ofMonths(12), 5);

	@Test
	void readsBackEveryCheckAsTheSameWordsInBothDirections() throws Exception {
		ApplicationContent content = Fixtures.JSON.convertValue(Fixtures.example(), ApplicationContent.class);
		// dates long past, so that failed checks with nested phrases and numbers are
		// stored too
		CheckReport report = new AutomaticChecks(DEFAULTS, code -> EquivalenceStatus.UNDER_ASSESSMENT).run(content,
				LocalDate.of(2028, 1, 10));
		List<PreScreenEvaluation.Check> checks = report.results()
			.stream()
			.map(r -> new PreScreenEvaluation.Check(r.check(), PreScreenEvaluation.Result.of(r), r.measured(),
					r.limit(), r.flag(), r.flag() == null ? null : "PS-x"))
			.toList();

		JsonNode stored = Fixtures.JSON.readTree(Fixtures.JSON.writeValueAsString(PreScreenEvaluation.json(checks)));
		List<PreScreenEvaluation.Check> read = PreScreenEvaluation.checks(stored);

		assertThat(read).hasSameSizeAs(checks);
		for (int i = 0; i < checks.size(); i++) {
			assertThat(read.get(i).code()).isEqualTo(checks.get(i).code());
			assertThat(read.get(i).result()).isEqualTo(checks.get(i).result());
			assertThat(read.get(i).flag()).isEqualTo(checks.get(i).flag());
			assertThat(read.get(i).rule()).isEqualTo(checks.get(i).rule());
			assertThat(read.get(i).value().english()).isEqualTo(checks.get(i).value().english());
			assertThat(read.get(i).threshold().english()).isEqualTo(checks.get(i).threshold().english());
		}
		assertThat(read).extracting(PreScreenEvaluation.Check::result)
			.contains(PreScreenEvaluation.Result.FAILED, PreScreenEvaluation.Result.PASSED);
	}

	@Test
	void keepsTheThresholdsItRanUnderWhenTheConfigurationChanges() throws Exception {
		ApplicationContent content = Fixtures.JSON.convertValue(Fixtures.example(), ApplicationContent.class);
		CheckReport then = new AutomaticChecks(DEFAULTS, code -> EquivalenceStatus.EQUIVALENT).run(content,
				LocalDate.of(2026, 11, 25));
		PreScreenEvaluation.Check coverage = new PreScreenEvaluation.Check("RESERVE_COVERAGE",
				PreScreenEvaluation.Result.of(then.result(AutomaticChecks.RESERVE_COVERAGE)),
				then.result(AutomaticChecks.RESERVE_COVERAGE).measured(),
				then.result(AutomaticChecks.RESERVE_COVERAGE).limit(), null, null);
		PreScreenEvaluation.Configuration configuration = new PreScreenEvaluation.Configuration(
				Map.of("tobira.checks.min-coverage-ratio", "1.00"), "US", "EQUIVALENT");
		JsonNode storedChecks = Fixtures.JSON
			.readTree(Fixtures.JSON.writeValueAsString(PreScreenEvaluation.json(List.of(coverage))));
		JsonNode storedConfiguration = Fixtures.JSON
			.readTree(Fixtures.JSON.writeValueAsString(PreScreenEvaluation.json(configuration)));

		// the supervisor raises the minimum coverage ratio afterwards: today's run fails,
		// the record does not change
		ChecksProperties raised = new ChecksProperties(new BigDecimal("1.05"), DEFAULTS.eligibleAssetClasses(),
				DEFAULTS.maxGovernmentMaturity(), DEFAULTS.maxAttestationAge(), DEFAULTS.maxAuditAge(),
				DEFAULTS.maxRedemptionBusinessDays());
		CheckReport today = new AutomaticChecks(raised, code -> EquivalenceStatus.EQUIVALENT).run(content,
				LocalDate.of(2026, 11, 25));
		assertThat(today.result(AutomaticChecks.RESERVE_COVERAGE).flag()).isEqualTo(Flag.UNDER_BACKED);

		PreScreenEvaluation.Check read = PreScreenEvaluation.checks(storedChecks).get(0);
		assertThat(read.result()).isEqualTo(PreScreenEvaluation.Result.PASSED);
		assertThat(read.threshold().english()).isEqualTo("≥ 1.00");
		assertThat(read.value().english()).isEqualTo("1.010000");
		PreScreenEvaluation.Configuration readConfiguration = PreScreenEvaluation.configuration(storedConfiguration);
		assertThat(readConfiguration.thresholds()).containsEntry("tobira.checks.min-coverage-ratio", "1.00");
		assertThat(readConfiguration.jurisdiction()).isEqualTo("US");
		assertThat(readConfiguration.jurisdictionStatus()).isEqualTo("EQUIVALENT");
	}

}
