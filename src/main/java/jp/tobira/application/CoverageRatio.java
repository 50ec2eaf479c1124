package jp.tobira.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Reserves ÷ outstanding supply. Rounded down to six places: a ratio of 0.9999996 must
 * never read as 1.000000 and pass a threshold of 1.00 it does not meet.
 */
public record CoverageRatio(BigDecimal value) {

	public static final int SCALE = 6;

	public static Optional<CoverageRatio> of(BigDecimal reserves, BigDecimal outstandingSupply) {
		if (reserves == null || outstandingSupply == null || outstandingSupply.signum() <= 0) {
			return Optional.empty();
		}
		return Optional.of(new CoverageRatio(reserves.divide(outstandingSupply, SCALE, RoundingMode.DOWN)));
	}

	public boolean atLeast(BigDecimal threshold) {
		return value.compareTo(threshold) >= 0;
	}

	@Override
	public String toString() {
		return value.toPlainString();
	}
}
