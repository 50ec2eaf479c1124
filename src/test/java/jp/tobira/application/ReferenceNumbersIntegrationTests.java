package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.TobiraIntegrationTest;
import jp.tobira.security.Actor;
import jp.tobira.security.Organisations;

@TobiraIntegrationTest
class ReferenceNumbersIntegrationTests {

	@Autowired
	ApplicationService applications;

	@Autowired
	Organisations organisations;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void handsOutGapFreeReferencesToDraftsCreatedAtTheSameMoment() throws Exception {
		Actor issuer = new Actor("issuer", java.util.Set.of(jp.tobira.security.Group.ISSUER),
				organisations.findByName("Example Trust Company, LLC").orElseThrow());
		int threads = 24;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<String>> created = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			int n = i;
			created.add(pool.submit(() -> {
				start.await();
				// every third draft fails after taking its number: its number must be
				// handed out again
				if (n % 3 == 0) {
					try {
						transactions.executeWithoutResult(tx -> {
							applications.create(issuer, ApplicationContent.empty());
							throw new IllegalStateException("rolled back on purpose");
						});
					}
					catch (IllegalStateException expected) {
						return null;
					}
				}
				return applications.create(issuer, ApplicationContent.empty()).reference().value();
			}));
		}
		start.countDown();
		List<Integer> numbers = new ArrayList<>();
		for (Future<String> future : created) {
			String reference = future.get();
			if (reference != null) {
				numbers.add(Integer.parseInt(reference.substring(reference.lastIndexOf('-') + 1)));
			}
		}
		pool.shutdown();

		assertThat(numbers).hasSize(threads - threads / 3).doesNotHaveDuplicates();
		int lowest = numbers.stream().min(Integer::compare).orElseThrow();
		int highest = numbers.stream().max(Integer::compare).orElseThrow();
		assertThat(highest - lowest + 1).as("no gaps between the numbers handed out").isEqualTo(numbers.size());
	}

}
