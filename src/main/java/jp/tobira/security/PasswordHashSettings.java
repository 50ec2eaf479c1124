package jp.tobira.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How costly a stored password hash is to check ({@code tobira.security.passwords.*}).
 * bcrypt's work factor is the base-2 logarithm of its rounds; 10 is Spring Security's
 * default and OWASP's minimum for bcrypt. The factor is written into each hash, so a hash
 * is checked at the cost it was made with: raising the setting strengthens the passwords
 * set from then on. The tests lower it, because every API call they make with HTTP Basic
 * checks a hash, and at 10 that was most of the test run's processor time.
 *
 * @param bcryptStrength bcrypt's log2 rounds for new hashes, 4 to 31
 */
@ConfigurationProperties("tobira.security.passwords")
record PasswordHashSettings(@DefaultValue("10") int bcryptStrength) {

	PasswordHashSettings {
		if (bcryptStrength < 4 || bcryptStrength > 31) {
			throw new IllegalArgumentException("tobira.security.passwords.bcrypt-strength must be between 4 and 31");
		}
	}

}
