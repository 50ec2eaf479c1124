package jp.tobira.demo;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.security.DemoMode;
import jp.tobira.security.Group;
import jp.tobira.security.Organisations;
import jp.tobira.security.Users;
import jp.tobira.startup.StartupStep;

/**
 * The demo accounts of ARCHITECTURE.md §8, all with password {@code demo}. They exist
 * only in demo mode: when demo mode is off (the {@code prod} profile) any demo account
 * left in the database is disabled, so it can never log in.
 */
@Component
class DemoUsers extends StartupStep {

	static final String FIRST_ISSUER_ORGANISATION = "Example Trust Company, LLC";

	static final String SECOND_ISSUER_ORGANISATION = "Sample Stable Issuer Ltd.";

	static final String DEMO_MAIL_DOMAIN = "@demo.tobira.example";

	private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

	private record DemoUser(String username, String displayName, String organisation, Set<Group> groups) {
	}

	private static final List<DemoUser> USERS = List.of(
			new DemoUser("issuer", "Example Trust compliance", FIRST_ISSUER_ORGANISATION, EnumSet.of(Group.ISSUER)),
			new DemoUser("issuer2", "Sample Stable compliance", SECOND_ISSUER_ORGANISATION, EnumSet.of(Group.ISSUER)),
			new DemoUser("intake", "Intake officer", null, EnumSet.of(Group.INTAKE)),
			new DemoUser("backing", "Backing reviewer", null, EnumSet.of(Group.BACKING_REVIEW)),
			new DemoUser("cooperation", "International affairs officer", null, EnumSet.of(Group.COOPERATION)),
			new DemoUser("decision", "Senior supervisor", null, EnumSet.of(Group.DECISION)),
			new DemoUser("decision2", "Senior supervisor (also reviews backing)", null,
					EnumSet.of(Group.DECISION, Group.BACKING_REVIEW)),
			new DemoUser("supervisor", "Supervisor of recognised tokens", null, EnumSet.of(Group.SUPERVISION)),
			new DemoUser("admin", "Operator", null, EnumSet.of(Group.ADMIN)),
			// a second admin, so that what one admin drafts another can put into force
			// (four eyes)
			new DemoUser("admin2", "Second operator", null, EnumSet.of(Group.ADMIN)));

	private final DemoMode demoMode;

	private final Users users;

	private final Organisations organisations;

	private final PasswordEncoder passwordEncoder;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	DemoUsers(DemoMode demoMode, Users users, Organisations organisations, PasswordEncoder passwordEncoder,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		super(Sequence.DEMO_USERS);
		this.transaction = new TransactionTemplate(transactions);
		this.demoMode = demoMode;
		this.users = users;
		this.organisations = organisations;
		this.passwordEncoder = passwordEncoder;
		this.jdbc = jdbc;
	}

	@Override
	protected void runAtStart() {
		transaction.executeWithoutResult(status -> createOrDisable());
	}

	private void createOrDisable() {
		if (!demoMode.enabled()) {
			int disabled = jdbc.sql("UPDATE app.users SET enabled = false WHERE demo AND enabled").update();
			if (disabled > 0) {
				log.warn("Demo mode is off: disabled {} demo accounts found in the database", disabled);
			}
			return;
		}
		// hashed only for an account still to be made: a BCrypt hash is a tenth of a
		// second of the start, and on a restart every account is there
		String password = null;
		for (DemoUser user : USERS) {
			if (users.exists(user.username())) {
				continue;
			}
			if (password == null) {
				password = passwordEncoder.encode("demo");
			}
			UUID organisation = user.organisation() == null ? null : organisations.findByName(user.organisation())
				.orElseGet(() -> organisations.create(user.organisation()));
			users.create(user.username(), password, user.displayName(), organisation, user.groups());
			jdbc.sql("UPDATE app.users SET demo = true WHERE username = ?").param(user.username()).update();
		}
		// an address at a reserved name (RFC 2606) for every demo account, so the outbox
		// has someone to write to and no mail ever reaches a real person
		jdbc.sql("UPDATE app.users SET email = username || ? WHERE demo AND email IS NULL")
			.param(DEMO_MAIL_DOMAIN)
			.update();
	}

}
