package jp.tobira.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import jp.tobira.TobiraIntegrationTest;

/**
 * Two reviewers complete the same task at the same moment, a hundred times: each time one
 * wins, the other gets a 409 that says who completed it, and the audit log records one
 * completion. The two are both in backing-review ({@code backing} and {@code decision2});
 * each round's task is the backing review that returns after the issuer answers the
 * request for information the winner raised.
 */
@TobiraIntegrationTest
class ConcurrentCompletionIntegrationTests {

	static final int ROUNDS = 100;

	@Autowired
	TestRestTemplate rest;

	@Autowired
	JdbcClient jdbc;

	@Test
	void letsExactlyOneOfTwoSimultaneousCompletionsWinEveryTime() throws Exception {
		ApiClient issuer = new ApiClient(rest, "issuer");
		ApiClient intake = new ApiClient(rest, "intake");
		List<ApiClient> reviewers = List.of(new ApiClient(rest, "backing"), new ApiClient(rest, "decision2"));
		ApiClient.Case submitted = issuer.submitCanonical();
		String id = submitted.id();
		String reference = submitted.reference();
		intake.complete(intake.taskId(reference, "checkCompleteness"), "{\"complete\": true}");

		ExecutorService pool = Executors.newFixedThreadPool(2);
		for (int round = 1; round <= ROUNDS; round++) {
			String taskId = reviewers.get(0).taskId(reference, "reviewBacking");
			String form = "{\"outcome\": \"RFI\", \"missing\": [\"RESERVE_ATTESTATION\"], \"message\": \"Round " + round
					+ "\"}";
			CyclicBarrier together = new CyclicBarrier(2);
			List<Future<ApiClient.Response>> attempts = new ArrayList<>();
			for (ApiClient reviewer : reviewers) {
				attempts.add(pool.submit(() -> {
					together.await();
					return reviewer.complete(taskId, form);
				}));
			}
			List<Integer> statuses = new ArrayList<>();
			String loserMessage = null;
			for (Future<ApiClient.Response> attempt : attempts) {
				ApiClient.Response response = attempt.get();
				statuses.add(response.status());
				if (response.status() == 409) {
					loserMessage = response.json().get("detail").asText();
				}
			}
			assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 409);
			assertThat(loserMessage).as("round " + round).contains("already completed by");
			assertThat(completionsOf(taskId)).as("round " + round).isEqualTo(1);

			assertThat(issuer.answerRfi(id, "Answer " + round, null, null, null).status()).isEqualTo(200);
		}
		pool.shutdown();
		assertThat(new ApiClient(rest, "admin").get("/api/v1/audit/verify").json().get("valid").asBoolean()).isTrue();
	}

	private long completionsOf(String taskId) {
		return jdbc.sql(
				"SELECT count(*) FROM app.audit_entry WHERE kind = 'TASK_COMPLETED' AND payload::jsonb ->> 'taskId' = ?")
			.param(taskId)
			.query(Long.class)
			.single();
	}

}
