package jp.tobira.web;

import java.util.List;

import jp.tobira.security.Group;
import jp.tobira.security.TobiraUser;

/**
 * What the layout shows of the signed-in user (their groups by id, named from the
 * bundles), and which navigation they get.
 */
public record CurrentUser(String username, String displayName, List<String> roles, boolean issuer, boolean staff,
		boolean admin) {

	static CurrentUser of(TobiraUser user) {
		return new CurrentUser(user.getUsername(), user.displayName(),
				user.groups().stream().map(Group::id).sorted().toList(), user.groups().contains(Group.ISSUER),
				user.groups().stream().anyMatch(g -> g.isSupervisorStaff() && g != Group.ADMIN),
				user.groups().contains(Group.ADMIN));
	}
}
