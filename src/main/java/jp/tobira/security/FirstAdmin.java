package jp.tobira.security;

import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Without demo mode nobody could log in to a new installation: when {@code TOBIRA_ADMIN_PASSWORD} is set and no
 * admin exists yet, an {@code admin} account is created with it. Once an admin exists the variable is ignored.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final Users users;

	private final PasswordEncoder passwordEncoder;

	private final String password;

	FirstAdmin(Users users, PasswordEncoder passwordEncoder, @Value("${tobira.admin-password:}") String password) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.password = password;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (password.isBlank() || !users.membersOf(Group.ADMIN).isEmpty()) {
			return;
		}
		if (password.length() < 12) {
			throw new IllegalStateException("TOBIRA_ADMIN_PASSWORD must have at least 12 characters");
		}
		users.create("admin", passwordEncoder.encode(password), "Administrator", null, EnumSet.of(Group.ADMIN));
		log.info("Created the first admin account 'admin'");
	}
}
