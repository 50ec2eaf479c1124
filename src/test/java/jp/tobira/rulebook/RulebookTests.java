package jp.tobira.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.tobira.decision.LegalGates;
import jp.tobira.validation.InvalidInput;

/**
 * The rulebook's values without a database: how a threshold reads what a draft gives it,
 * and what two versions differ in.
 */
class RulebookTests {

	@Test
	void everyGateOfTheRulebookIsOneTheEngineEnforcesAndNoOther() {
		assertThat(Arrays.stream(LegalGates.Gate.values()).map(LegalGates.Gate::criterion))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Criterion.values()).filter(Criterion::gate).toList());
		assertThat(Arrays.stream(Criterion.values()).filter(Criterion::gate)).allMatch(c -> c.thresholds().isEmpty());
	}

	@Test
	void aDecimalThresholdKeepsItsBoundsAndFourDecimals() {
		Threshold share = Threshold.decimal("minShare", "0.00", "1.00");
		assertThat(share.read("f", "1")).isEqualTo("1.00");
		assertThat(share.read("f", 0.3)).isEqualTo("0.30");
		assertThat(share.read("f", "0.1234")).isEqualTo("0.1234");
		assertThat(share.read("f", "1.00")).isEqualTo("1.00");
		assertRefused(() -> share.read("f", "1.0001"));
		assertRefused(() -> share.read("f", "-0.01"));
		assertRefused(() -> share.read("f", "0.12345"));
		assertRefused(() -> share.read("f", "abc"));
		assertRefused(() -> share.read("f", "1e999999999"));
		assertRefused(() -> share.read("f", List.of("0.5")));
		assertRefused(() -> share.read("f", " "));
	}

	@Test
	void aWholeThresholdTakesWholeNumbersWithinItsBoundsOnly() {
		Threshold days = Threshold.whole("maxDays", 1, 3650);
		assertThat(days.read("f", 93)).isEqualTo(93);
		assertThat(days.read("f", "93.0")).isEqualTo(93);
		assertThat(days.read("f", "3650")).isEqualTo(3650);
		assertRefused(() -> days.read("f", "93.5"));
		assertRefused(() -> days.read("f", 0));
		assertRefused(() -> days.read("f", 3651));
	}

	@Test
	void listsAreReadOnePerLineWithoutBlanksOrRepeats() {
		Threshold auditors = Threshold.names("auditors", 3);
		assertThat(auditors.read("f", "KPMG\r\n\n  Deloitte \nKPMG")).isEqualTo(List.of("KPMG", "Deloitte"));
		assertThat(auditors.read("f", List.of("A", "B", "C"))).isEqualTo(List.of("A", "B", "C"));
		assertRefused(() -> auditors.read("f", List.of("A", "B", "C", "D")));
		assertRefused(() -> auditors.read("f", List.of(1, 2)));
		assertRefused(() -> auditors.read("f", "x".repeat(Threshold.NAME_LENGTH + 1)));

		Threshold classes = Threshold.assetClasses("eligibleClasses");
		assertThat(classes.read("f", "REVERSE_REPO, CASH")).as("in the classes' order")
			.isEqualTo(List.of("CASH", "REVERSE_REPO"));
		assertRefused(() -> classes.read("f", "CASH, GOLD"));
		assertRefused(() -> classes.read("f", List.of()));
	}

	@Test
	void twoVersionsDifferInEachSwitchAndThresholdThatChangedAndNothingElse() {
		RulebookVersion one = RulebookFixtures.version1();
		RulebookVersion two = one.with(Criterion.RESERVE_COVERAGE, true, Map.of("minRatio", "1.05"))
			.with(Criterion.LIQUID_SHARE, true, Map.of());

		assertThat(Rulebook.differences(one, two)).containsExactly(
				new Rulebook.Difference("RESERVE_COVERAGE", "minRatio", "1.00", "1.05"),
				new Rulebook.Difference("LIQUID_SHARE", "enabled", false, true));
		assertThat(Rulebook.differences(one, one)).isEmpty();
	}

	@Test
	void versionOneSwitchesOnTheFirstCriteriaAndEveryGateButNotTheNewerRegimes() {
		RulebookVersion one = RulebookFixtures.version1();
		assertThat(one.criteria()).extracting(CriterionSetting::criterion).containsExactly(Criterion.values());
		assertThat(one.criteria().stream().filter(s -> !s.enabled()).map(CriterionSetting::criterion)).containsExactly(
				Criterion.RESERVE_CURRENCY, Criterion.LIQUID_SHARE, Criterion.GOVERNMENT_PAPER_TERM,
				Criterion.CUSTODIAN_CONCENTRATION, Criterion.RECOGNISED_AUDITOR);
		assertThat(one.setting(Criterion.GOVERNMENT_PAPER_TERM).whole("maxDays")).isEqualTo(93);
		assertThat(one.setting(Criterion.LIQUID_SHARE).decimal("minShare")).isEqualByComparingTo("0.30");
	}

	private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable read) {
		assertThatThrownBy(read).isInstanceOf(InvalidInput.class)
			.extracting(ex -> ((InvalidInput) ex).problems().get(0).field())
			.isEqualTo("f");
	}

}
