package jp.tobira.security;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.security.core.userdetails.User;

/**
 * The signed-in principal: Spring's user plus the groups and organisation Tobira needs.
 */
public class TobiraUser extends User {

	private final Set<Group> groups;

	private final UUID organisationId;

	private final String displayName;

	TobiraUser(String username, String password, boolean enabled, Set<Group> groups, UUID organisationId,
			String displayName) {
		super(username, password, enabled, true, true, true,
				groups.stream().map(Group::authority).collect(Collectors.toSet()));
		this.groups = Set.copyOf(groups);
		this.organisationId = organisationId;
		this.displayName = displayName;
	}

	public Actor actor() {
		return new Actor(getUsername(), groups, organisationId);
	}

	public Set<Group> groups() {
		return groups;
	}

	public UUID organisationId() {
		return organisationId;
	}

	public String displayName() {
		return displayName;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
