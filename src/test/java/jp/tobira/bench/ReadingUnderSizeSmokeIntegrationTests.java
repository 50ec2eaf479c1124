package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import jp.tobira.Fixtures;
import jp.tobira.TobiraIntegrationTest;
import jp.tobira.security.Organisations;

/**
 * A small run of the benchmark ({@link ReadingUnderSizeBenchmark}) in the ordinary build,
 * so that it cannot rot: two small sizes, a few requests per line, every line answered
 * 200, the statements of each list request captured and explained, the results written.
 * Its clones are committed (requests over HTTP must see them) and removed afterwards, as
 * this database is shared with the other tests.
 */
@TobiraIntegrationTest
class ReadingUnderSizeSmokeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Organisations organisations;

	@Test
	void measuresEveryLineAtEachSizeExplainsTheListQueriesAndWritesTheResults() throws Exception {
		UUID organisation = organisations.findByName("Example Trust Company, LLC").orElseThrow();
		BenchCases cases = new BenchCases(jdbc, organisation, Fixtures.exampleJson());
		Path output = Path.of("target", "bench-smoke");
		try {
			ReadingUnderSize bench = new ReadingUnderSize("http://localhost:" + port, jdbc, cases,
					new ReadingUnderSize.Settings(List.of(40, 80), 0, 2, output), null);
			List<ReadingUnderSize.Size> sizes = bench.run();

			assertThat(sizes).extracting(ReadingUnderSize.Size::openCases).containsExactly(40, 80);
			assertThat(sizes).allSatisfy(size -> assertThat(size.figures()).hasSizeGreaterThan(20)
				.allSatisfy(figure -> assertThat(figure.status()).as(figure.path()).isEqualTo(200)));
			assertThat(sizes.get(1).figures()).allSatisfy(figure -> assertThat(figure.p50()).isPositive());
			// every task-list request's own queries were seen and explained
			assertThat(bench.explained()).filteredOn(e -> e.path().startsWith("/tasks"))
				.isNotEmpty()
				.allSatisfy(e -> assertThat(e.plans()).as(e.path())
					.anySatisfy(plan -> assertThat(plan.sql()).contains("app.open_task"))
					.allSatisfy(plan -> assertThat(plan.executionMillis()).isNotNull()));
			assertThat(bench.explained()).filteredOn(e -> e.line().equals("dashboard"))
				.singleElement()
				.satisfies(e -> assertThat(e.plans()).anySatisfy(plan -> assertThat(plan.sql()).contains("app.rfi")));

			// every line judged against its target, the lists with the rows they showed
			Map<String, ReadingUnderSize.Figure> at80 = sizes.get(1)
				.figures()
				.stream()
				.collect(java.util.stream.Collectors.toMap(ReadingUnderSize.Figure::name, figure -> figure));
			assertThat(at80.get("task list, default queue").rows()).isPositive();
			assertThat(at80.get("task API, first page").rows()).isPositive();
			assertThat(at80.get("dashboard").rows()).isEqualTo(-1);
			assertThat(bench.verdicts()).hasSize(sizes.get(1).figures().size());
			// a full page at both sizes is compared with the smaller's figure
			assertThat(bench.verdicts()).filteredOn(verdict -> verdict.name().equals("queue: all open cases"))
				.singleElement()
				.satisfies(verdict -> {
					assertThat(verdict.limitMillis()).isEqualTo(50);
					assertThat(verdict.rows()).containsExactly(25, 25);
					assertThat(verdict.baselineCases()).isEqualTo(40);
					assertThat(verdict.ratio()).isPositive();
				});

			JsonNode results = new ObjectMapper().readTree(output.resolve("results.json").toFile());
			assertThat(results.at("/sizes/1/openCases").asInt()).isEqualTo(80);
			assertThat(results.at("/sizes/1/figures/0/p95").isNumber()).isTrue();
			assertThat(results.at("/targetsAtLargestSize").size()).isEqualTo(sizes.get(1).figures().size());
			assertThat(Files.list(output.resolve("explain")).count()).isGreaterThan(15);
		}
		finally {
			cases.removeAll();
		}
	}

}
