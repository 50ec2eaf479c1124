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
import jp.tobira.rulebook.Criterion;
import jp.tobira.rulebook.RulebookFixtures;
import jp.tobira.rulebook.RulebookVersion;

/**
 * The stored JSON form of an evaluation reads back as the same words, whatever the
 * thresholds are later.
 */
class PreScreenEvaluationTests {

	static final RulebookVersion DEFAULTS = RulebookFixtures.version1();

	@Test
	void readsBackEveryCheckAsTheSameWordsInBothDirections() throws Exception {
		ApplicationContent content = Fixtures.JSON.convertValue(Fixtures.example(), ApplicationContent.class);
		// dates long past, so that failed checks with nested phrases and numbers are
		// stored too
		CheckReport report = new AutomaticChecks(() -> DEFAULTS, code -> EquivalenceStatus.UNDER_ASSESSMENT)
			.run(content, LocalDate.of(2028, 1, 10));
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
	void keepsTheVersionAndThresholdsItRanUnderWhenALaterVersionChangesThem() throws Exception {
		ApplicationContent content = Fixtures.JSON.convertValue(Fixtures.example(), ApplicationContent.class);
		CheckReport then = new AutomaticChecks(() -> DEFAULTS, code -> EquivalenceStatus.EQUIVALENT).run(content,
				LocalDate.of(2026, 11, 25));
		PreScreenEvaluation.Check coverage = new PreScreenEvaluation.Check("RESERVE_COVERAGE",
				PreScreenEvaluation.Result.of(then.result(AutomaticChecks.RESERVE_COVERAGE)),
				then.result(AutomaticChecks.RESERVE_COVERAGE).measured(),
				then.result(AutomaticChecks.RESERVE_COVERAGE).limit(), null, null);
		PreScreenEvaluation.Configuration configuration = new PreScreenEvaluation.Configuration(1,
				Map.of("RESERVE_COVERAGE.minRatio", "1.00"), "US", "EQUIVALENT");
		JsonNode storedChecks = Fixtures.JSON
			.readTree(Fixtures.JSON.writeValueAsString(PreScreenEvaluation.json(List.of(coverage))));
		JsonNode storedConfiguration = Fixtures.JSON
			.readTree(Fixtures.JSON.writeValueAsString(PreScreenEvaluation.json(configuration)));

		// a later version raises the minimum coverage ratio: today's run fails, the
		// record
		// does not change
		RulebookVersion raised = DEFAULTS.with(Criterion.RESERVE_COVERAGE, true, Map.of("minRatio", "1.05"));
		CheckReport today = new AutomaticChecks(() -> raised, code -> EquivalenceStatus.EQUIVALENT).run(content,
				LocalDate.of(2026, 11, 25));
		assertThat(today.result(AutomaticChecks.RESERVE_COVERAGE).flag()).isEqualTo(Flag.UNDER_BACKED);

		PreScreenEvaluation.Check read = PreScreenEvaluation.checks(storedChecks).get(0);
		assertThat(read.result()).isEqualTo(PreScreenEvaluation.Result.PASSED);
		assertThat(read.threshold().english()).isEqualTo("≥ 1.00");
		assertThat(read.value().english()).isEqualTo("1.010000");
		PreScreenEvaluation.Configuration readConfiguration = PreScreenEvaluation.configuration(storedConfiguration);
		assertThat(readConfiguration.rulebookVersion()).isEqualTo(1);
		assertThat(readConfiguration.thresholds()).containsEntry("RESERVE_COVERAGE.minRatio", "1.00");
		assertThat(readConfiguration.jurisdiction()).isEqualTo("US");
		assertThat(readConfiguration.jurisdictionStatus()).isEqualTo("EQUIVALENT");
	}

}
