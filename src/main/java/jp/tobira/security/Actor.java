package jp.tobira.security;

import java.util.Set;
import java.util.UUID;

/**
 * Who is acting, as the feature services see it: a name for the audit log, the groups
 * that decide what they may do, and for an issuer user the organisation whose cases are
 * the only ones they may see.
 */
public record Actor(String username, Set<Group> groups, UUID organisationId) {

	/** The engine's timers and other steps no person took. */
	public static final Actor SYSTEM = new Actor("system", Set.of(), null);

	public Actor {
		groups = Set.copyOf(groups);
	}

	public boolean isIssuer() {
		return groups.contains(Group.ISSUER);
	}

	public boolean isSupervisorStaff() {
		return groups.stream().anyMatch(Group::isSupervisorStaff);
	}

	public boolean isIn(Group group) {
		return groups.contains(group);
	}

	/** Whether this actor may see the cases of the given organisation. */
	public boolean maySee(UUID caseOrganisation) {
		return isSupervisorStaff() || (organisationId != null && organisationId.equals(caseOrganisation));
	}
}
