package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ApplicationStatusTests {

	/**
	 * The queries count open cases by OPEN and the screens by isClosed: the two must not
	 * disagree.
	 */
	@Test
	void everyStatusIsADraftOpenOrClosed() {
		assertThat(Arrays.stream(ApplicationStatus.values()))
			.allSatisfy(status -> assertThat((status == ApplicationStatus.DRAFT ? 1 : 0)
					+ (ApplicationStatus.OPEN.contains(status) ? 1 : 0) + (status.isClosed() ? 1 : 0))
				.as(status.name())
				.isEqualTo(1));
		assertThat(ApplicationStatus.openNames()).containsExactly("SUBMITTED", "IN_REVIEW", "AWAITING_ISSUER");
	}

}
