package jp.tobira.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The statements of the reviewers' queues against the indexes made for them: PostgreSQL
 * uses a partial index only where it can prove that the statement's condition implies the
 * index's, so the two must be written alike.
 */
class TaskQueuesTests {

	private static final Pattern CANDIDATE_GROUPS = Pattern.compile("candidateGroups=\"([^\"]+)\"");

	private static final Pattern GROUP_INDEX = Pattern
		.compile("CREATE INDEX open_task_unassigned_\\w+ ON open_task \\(due_date_, reference_, id_\\)\\s+"
				+ "WHERE assignee_ IS NULL AND candidate_groups_ && (CAST\\(ARRAY\\['([^']+)'\\] AS varchar\\[\\]\\))");

	@Test
	void everyCandidateGroupOfTheShippedProcessesHasItsIndexInTheListsOrderAsTheQueueWritesIt() throws IOException {
		Set<String> candidateGroups = new TreeSet<>();
		try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
			for (Path model : models.filter(path -> path.toString().endsWith(".bpmn")).toList()) {
				Matcher groups = CANDIDATE_GROUPS.matcher(Files.readString(model));
				while (groups.find()) {
					Arrays.stream(groups.group(1).split(",")).map(String::strip).forEach(candidateGroups::add);
				}
			}
		}
		Map<String, String> indexed = new TreeMap<>();
		try (Stream<Path> migrations = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
			for (Path migration : migrations.sorted().toList()) {
				Matcher index = GROUP_INDEX.matcher(Files.readString(migration));
				while (index.find()) {
					indexed.put(index.group(2), index.group(1));
				}
			}
		}

		assertThat(candidateGroups).contains("intake", "backing-review", "cooperation", "decision", "supervision");
		assertThat(indexed.keySet()).containsExactlyElementsOf(candidateGroups);
		indexed.forEach((group,
				predicate) -> assertThat(TaskQueues.candidateGroups(new MapSqlParameterSource("groups", Set.of(group))))
					.as(group)
					.isEqualTo(predicate));
	}

	@Test
	void aReaderOfSeveralGroupsHasThemWrittenInOneOrderWhateverTheSetsOrder() {
		assertThat(
				TaskQueues.candidateGroups(new MapSqlParameterSource("groups", Set.of("decision", "backing-review"))))
			.isEqualTo("CAST(ARRAY['backing-review', 'decision'] AS varchar[])");
	}

	@Test
	void aQuoteInAGroupIdCannotEndTheLiteral() {
		assertThat(TaskQueues.candidateGroups(new MapSqlParameterSource("groups", List.of("o'brien"))))
			.isEqualTo("CAST(ARRAY['o''brien'] AS varchar[])");
	}

}
