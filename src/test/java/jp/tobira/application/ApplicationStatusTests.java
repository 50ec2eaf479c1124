package jp.tobira.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
	}

	/**
	 * PostgreSQL uses a partial index only where the statement's condition proves the
	 * index's: each index on the open cases must list the statuses the queries write.
	 */
	@Test
	void thePartialIndexesOnTheOpenCasesListTheStatusesTheQueriesWrite() throws IOException {
		String written = "status IN (" + ApplicationStatus.openLiterals() + ")";
		assertThat(written).isEqualTo("status IN ('SUBMITTED', 'IN_REVIEW', 'AWAITING_ISSUER')");
		List<String> predicates = new ArrayList<>();
		try (Stream<Path> migrations = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
			for (Path migration : migrations.sorted().toList()) {
				Matcher index = PARTIAL_INDEX_ON_STATUS.matcher(Files.readString(migration));
				while (index.find()) {
					predicates.add(index.group(1));
				}
			}
		}
		assertThat(predicates).hasSizeGreaterThanOrEqualTo(3).allSatisfy(p -> assertThat(p).isEqualTo(written));
	}

	private static final Pattern PARTIAL_INDEX_ON_STATUS = Pattern
		.compile("CREATE INDEX application_open\\w*\\s[^;]*WHERE (status IN \\([^)]*\\))");

}
