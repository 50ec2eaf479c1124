package jp.tobira.worklist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Which pages the task list links to: a window, not every page. */
class TaskListPageTests {

	@Test
	void linksTheFirstTheLastAndTwoPagesEitherSideOfTheCurrentOne() {
		assertThat(TaskListPage.window(99, 200)).containsExactly(0, null, 97, 98, 99, 100, 101, null, 199);
	}

	@Test
	void leavesNoGapWhereThePagesMeet() {
		assertThat(TaskListPage.window(0, 200)).containsExactly(0, 1, 2, null, 199);
		assertThat(TaskListPage.window(3, 200)).containsExactly(0, 1, 2, 3, 4, 5, null, 199);
		assertThat(TaskListPage.window(199, 200)).containsExactly(0, null, 197, 198, 199);
	}

	@Test
	void linksEveryPageWhenThereAreFew() {
		assertThat(TaskListPage.window(1, 3)).containsExactly(0, 1, 2);
		assertThat(TaskListPage.window(0, 1)).containsExactly(0);
		assertThat(TaskListPage.window(0, 0)).isEmpty();
		assertThat(Arrays.asList(TaskListPage.window(3, 7).toArray())).doesNotContainNull();
	}

	@Test
	void numbersOnlyTheCountedPagesOfAListCountedSoFarBesidesTheCurrentOne() {
		assertThat(TaskListPage.openWindow(0, 4)).containsExactly(0, 1, 2, null);
		assertThat(TaskListPage.openWindow(3, 4)).containsExactly(0, 1, 2, 3, null);
		assertThat(TaskListPage.openWindow(99, 4)).as("a page reached by the next links, far past the count")
			.containsExactly(0, null, 99, null);
		assertThat(TaskListPage.openWindow(null, 4)).as("the last page, its number unknown").containsExactly(0, null);
	}

}
