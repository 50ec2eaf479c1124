package jp.tobira.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Tobira's user accounts and their group memberships, in the application's schema. */
@Repository
public class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<TobiraUser> findByUsername(String username) {
		return jdbc.sql("""
				SELECT username, password, enabled, organisation_id, display_name FROM app.users WHERE username = ?
				""")
			.param(username)
			.query((rs, row) -> new TobiraUser(rs.getString("username"), rs.getString("password"),
					rs.getBoolean("enabled"), groupsOf(rs.getString("username")),
					rs.getObject("organisation_id", UUID.class), rs.getString("display_name")))
			.optional();
	}

	private Set<Group> groupsOf(String username) {
		List<Group> groups = jdbc.sql("SELECT group_id FROM app.user_group WHERE username = ?")
			.param(username)
			.query(String.class)
			.list()
			.stream()
			.flatMap(id -> Group.ofId(id).stream())
			.toList();
		return groups.isEmpty() ? EnumSet.noneOf(Group.class) : EnumSet.copyOf(groups);
	}

	public boolean exists(String username) {
		return jdbc.sql("SELECT count(*) FROM app.users WHERE username = ?")
			.param(username)
			.query(Long.class)
			.single() > 0;
	}

	@Transactional
	public void create(String username, String encodedPassword, String displayName, UUID organisationId,
			Set<Group> groups) {
		jdbc.sql("""
				INSERT INTO app.users (username, password, enabled, organisation_id, display_name)
				VALUES (?, ?, true, ?, ?)
				""").params(username, encodedPassword, organisationId, displayName).update();
		for (Group group : groups) {
			jdbc.sql("INSERT INTO app.user_group (username, group_id) VALUES (?, ?)")
				.params(username, group.id())
				.update();
		}
	}

	public Optional<String> localeOf(String username) {
		return jdbc.sql("SELECT locale FROM app.users WHERE username = ?")
			.param(username)
			.query(String.class)
			.optional()
			.filter(java.util.Objects::nonNull);
	}

	public void saveLocale(String username, String languageTag) {
		jdbc.sql("UPDATE app.users SET locale = ? WHERE username = ?").params(languageTag, username).update();
	}

	/**
	 * Whether anyone in the group can log in as a real account: disabled accounts and
	 * demo accounts (disabled outside demo mode) do not count.
	 */
	boolean hasUsableNonDemoMember(Group group) {
		return jdbc.sql("""
				SELECT count(*) FROM app.users u JOIN app.user_group g ON g.username = u.username
				WHERE g.group_id = ? AND u.enabled AND NOT u.demo
				""").param(group.id()).query(Long.class).single() > 0;
	}

	boolean isDemoAccount(String username) {
		return jdbc.sql("SELECT demo FROM app.users WHERE username = ?")
			.param(username)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Turns a demo account into a real one: a new password, enabled, no longer marked
	 * demo, and exactly the given groups. The row keeps its name, so what it did in demo
	 * mode stays attributed to it in the audit log.
	 */
	@Transactional
	void takeOverDemoAccount(String username, String encodedPassword, String displayName, Set<Group> groups) {
		jdbc.sql(
				"""
						UPDATE app.users SET password = ?, display_name = ?, enabled = true, demo = false, organisation_id = NULL
						WHERE username = ? AND demo
						""")
			.params(encodedPassword, displayName, username)
			.update();
		jdbc.sql("DELETE FROM app.user_group WHERE username = ?").param(username).update();
		for (Group group : groups) {
			jdbc.sql("INSERT INTO app.user_group (username, group_id) VALUES (?, ?)")
				.params(username, group.id())
				.update();
		}
	}

	/**
	 * The user names in a group, for the engine's identity queries (who may be a task's
	 * candidate).
	 */
	public List<String> membersOf(Group group) {
		return jdbc.sql("SELECT username FROM app.user_group WHERE group_id = ? ORDER BY username")
			.param(group.id())
			.query(String.class)
			.list();
	}

	/**
	 * Whom a notification may reach: an enabled account with an e-mail address, in its
	 * language (none chosen: English).
	 */
	public record Contact(String username, String displayName, String email, String locale) {
	}

	private static final String CONTACT = """
			SELECT username, display_name, email, coalesce(locale, 'en') AS locale FROM app.users
			WHERE enabled AND email IS NOT NULL
			""";

	/** The enabled users of an issuer organisation that have an e-mail address. */
	public List<Contact> contactsIn(UUID organisationId) {
		return jdbc.sql(CONTACT + " AND organisation_id = ? ORDER BY username")
			.param(organisationId)
			.query((rs, row) -> new Contact(rs.getString("username"), rs.getString("display_name"),
					rs.getString("email"), rs.getString("locale")))
			.list();
	}

	/** The user, if enabled and with an e-mail address. */
	public Optional<Contact> contact(String username) {
		return jdbc.sql(CONTACT + " AND username = ?")
			.param(username)
			.query((rs, row) -> new Contact(rs.getString("username"), rs.getString("display_name"),
					rs.getString("email"), rs.getString("locale")))
			.optional();
	}

	public Optional<String> emailOf(String username) {
		return jdbc.sql("SELECT email FROM app.users WHERE username = ?")
			.param(username)
			.query(String.class)
			.optional()
			.filter(java.util.Objects::nonNull);
	}

	/** Sets (or, with null, removes) the user's e-mail address. */
	public void saveEmail(String username, String email) {
		jdbc.sql("UPDATE app.users SET email = ? WHERE username = ?").params(email, username).update();
	}

}
