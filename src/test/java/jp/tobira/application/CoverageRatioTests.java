package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class CoverageRatioTests {

	@Test
	void dividesReservesBySupplyToSixPlaces() {
		assertThat(CoverageRatio.of(new BigDecimal("1010000000.00"), new BigDecimal("1000000000.00")))
			.hasValueSatisfying(ratio -> assertThat(ratio.value()).isEqualByComparingTo("1.010000"));
	}

	@Test
	void roundsDownSoThatAShortfallNeverReadsAsFullBacking() {
		CoverageRatio ratio = CoverageRatio.of(new BigDecimal("999999999.99"), new BigDecimal("1000000000.00"))
			.orElseThrow();
		assertThat(ratio.value()).isEqualByComparingTo("0.999999");
		assertThat(ratio.atLeast(BigDecimal.ONE)).isFalse();
	}

	@Test
	void isUnknownWithoutAPositiveSupply() {
		assertThat(CoverageRatio.of(BigDecimal.TEN, BigDecimal.ZERO)).isEmpty();
		assertThat(CoverageRatio.of(BigDecimal.TEN, null)).isEmpty();
	}

}
