package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How the reading benchmark ({@link ReadingUnderSize}) counts the tasks a page showed,
 * which decides what a list line's figure at the smallest size is compared with.
 */
class ReadingUnderSizeTests {

	@Test
	void countsTheRowsOfTheTaskListsTableAndNotThoseOfTheKeyboardHelp() {
		String page = """
				<table><thead><tr><th>Case</th></tr></thead>
				<tbody>
				<tr class="overdue"><td>EQ-1</td></tr>
				<tr><td>EQ-2</td></tr>
				<tr class="escalated"><td>EQ-3</td></tr>
				</tbody></table>
				<table><tbody><tr><td><kbd>j</kbd></td></tr></tbody></table>
				""";

		assertThat(ReadingUnderSize.rows("/tasks?queue=ALL", page)).isEqualTo(3);
	}

	@Test
	void anEmptyQueueShowsNoRows() {
		assertThat(ReadingUnderSize.rows("/tasks", "<p>No tasks</p><table><thead><tr></tr></thead></table>")).isZero();
		assertThat(ReadingUnderSize.rows("/tasks", "<table><tbody>\n</tbody></table>")).isZero();
	}

	@Test
	void countsTheItemsOfTheTaskApisAnswer() {
		assertThat(ReadingUnderSize.rows("/api/v1/tasks?page=20&size=50", "[{\"id\":\"a\"},{\"id\":\"b\"}]"))
			.isEqualTo(2);
		assertThat(ReadingUnderSize.rows("/api/v1/tasks", "[]")).isZero();
	}

	@Test
	void aPageThatIsNotAListHasNoRows() {
		assertThat(ReadingUnderSize.rows("/dashboard", "<table><tbody><tr></tr></tbody></table>")).isEqualTo(-1);
		assertThat(ReadingUnderSize.rows("/cases/42", "<table><tbody><tr></tr></tbody></table>")).isEqualTo(-1);
	}

}
