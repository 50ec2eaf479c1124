package jp.tobira.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.startup.MissingSettings;
import jp.tobira.startup.StartupStep;

/**
 * Without demo mode nobody could log in to a new installation: when no usable admin
 * exists yet, an {@code admin} account is created with {@code TOBIRA_ADMIN_PASSWORD}, and
 * without one the application refuses to start, naming it. Once an enabled, non-demo
 * admin exists the variable is ignored. A database that first ran in demo mode holds a
 * disabled demo {@code admin}: that one neither counts nor blocks the name, it is taken
 * over (new password, no longer a demo account).
 */
@Component
class FirstAdmin extends StartupStep {

	static final String USERNAME = "admin";

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final Users users;

	private final PasswordEncoder passwordEncoder;

	private final DemoMode demoMode;

	private final AuditLog auditLog;

	private final String password;

	/**
	 * Where the first admin's notifications go ({@code TOBIRA_ADMIN_EMAIL}); may be
	 * empty.
	 */
	private final String email;

	private final TransactionTemplate transaction;

	FirstAdmin(Users users, PasswordEncoder passwordEncoder, DemoMode demoMode, AuditLog auditLog,
			@Value("${tobira.admin-password:}") String password, @Value("${tobira.admin-email:}") String email,
			PlatformTransactionManager transactions) {
		super(Sequence.FIRST_ADMIN);
		this.transaction = new TransactionTemplate(transactions);
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.demoMode = demoMode;
		this.auditLog = auditLog;
		this.password = password;
		this.email = email.strip();
	}

	@Override
	protected void runAtStart() {
		transaction.executeWithoutResult(status -> createOrTakeOver());
	}

	private void createOrTakeOver() {
		// in demo mode the demo admin is the admin; taking it over would change the
		// pinned demo password
		if (demoMode.enabled() || users.hasUsableNonDemoMember(Group.ADMIN)) {
			return;
		}
		if (password.isBlank()) {
			// an installation nobody can log in to, not even to make an admin: refused
			// at start with the setting named, rather than found out at the log-in page
			throw new MissingSettings(List.of(MissingSettings.FIRST_ADMIN_PASSWORD));
		}
		if (password.length() < 12) {
			throw new IllegalStateException("TOBIRA_ADMIN_PASSWORD must have at least 12 characters");
		}
		String encoded = passwordEncoder.encode(password);
		if (!users.exists(USERNAME)) {
			users.create(USERNAME, encoded, "Administrator", null, EnumSet.of(Group.ADMIN));
			saveEmail();
			log.info("Created the first admin account '{}'", USERNAME);
			audit("created");
		}
		else if (users.isDemoAccount(USERNAME)) {
			users.takeOverDemoAccount(USERNAME, encoded, "Administrator", EnumSet.of(Group.ADMIN));
			// the demo account's reserved address is nobody's: the real admin's, or none
			users.saveEmail(USERNAME, null);
			saveEmail();
			log.warn("Took over the demo account '{}' left from demo mode as the first admin account", USERNAME);
			audit("took over the demo account");
		}
		else {
			// a real account of that name that someone disabled: re-enabling it is a
			// decision for a person
			log.warn("No usable admin account, but a disabled account '{}' exists that was not made by demo mode: "
					+ "TOBIRA_ADMIN_PASSWORD left unused", USERNAME);
		}
	}

	private void saveEmail() {
		if (!email.isEmpty()) {
			users.saveEmail(USERNAME, email);
		}
	}

	private void audit(String what) {
		auditLog.append(Actor.SYSTEM.username(), null, AuditKind.CONFIGURATION_CHANGED,
				Map.of("change", "first admin account", "username", USERNAME, "action", what));
	}

}
