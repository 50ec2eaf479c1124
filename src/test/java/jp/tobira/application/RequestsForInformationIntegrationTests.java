package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jp.tobira.TobiraIntegrationTest;

/**
 * The requests of many cases read at once, as the dashboard reads every open case's
 * clock: however many cases, one statement with one parameter.
 */
@TobiraIntegrationTest
class RequestsForInformationIntegrationTests {

	@Autowired
	RequestsForInformation rfis;

	@Test
	void readsTheRequestsOfMoreCasesThanAStatementHasParameters() {
		// PostgreSQL's protocol allows 65,535 bind parameters in one statement
		List<ApplicationId> ids = new ArrayList<>();
		for (int i = 0; i < 70_000; i++) {
			ids.add(new ApplicationId(UUID.randomUUID()));
		}

		assertThat(rfis.ofAll(ids)).isEmpty();
	}

}
