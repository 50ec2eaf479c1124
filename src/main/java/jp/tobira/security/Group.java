package jp.tobira.security;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The groups of ARCHITECTURE.md §1; their ids are also the candidate groups of the
 * process's user tasks.
 */
public enum Group {

	ISSUER("issuer"), INTAKE("intake"), BACKING_REVIEW("backing-review"), COOPERATION("cooperation"),
	DECISION("decision"), ADMIN("admin"),
	/**
	 * Watches recognised tokens: their reserve reports, late or flagged (supervision).
	 */
	SUPERVISION("supervision");

	private final String id;

	Group(String id) {
		this.id = id;
	}

	public String id() {
		return id;
	}

	/** The role Spring Security checks, e.g. {@code ROLE_BACKING_REVIEW}. */
	public String role() {
		return name();
	}

	GrantedAuthority authority() {
		return new SimpleGrantedAuthority("ROLE_" + name());
	}

	public boolean isSupervisorStaff() {
		return this != ISSUER;
	}

	public static Optional<Group> ofId(String id) {
		return Arrays.stream(values()).filter(group -> group.id.equals(id)).findFirst();
	}

}
