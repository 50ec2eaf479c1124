package jp.tobira.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The staff screens' one list of roles names every staff group and no other: a group
 * added to {@link Group} without it here would be let in by the filter chain and turned
 * away by the page (as the supervision group once was from delegation and follow-up).
 */
class StaffOnlyTests {

	@Test
	void theStaffOnlyExpressionNamesExactlyTheSupervisorsStaffGroups() {
		var named = Pattern.compile("'([A-Z_]+)'")
			.matcher(StaffOnly.EXPRESSION)
			.results()
			.map(match -> match.group(1))
			.toList();
		var staff = Arrays.stream(Group.values()).filter(Group::isSupervisorStaff).map(Group::role).toList();

		assertThat(named).containsExactlyInAnyOrderElementsOf(staff);
	}

}
