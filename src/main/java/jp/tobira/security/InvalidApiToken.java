package jp.tobira.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A Bearer token that is not a live token of an enabled user: unknown, malformed,
 * revoked, expired, or its user disabled or moved to another organisation. One answer for
 * all, so a caller learns nothing about which.
 */
class InvalidApiToken extends AuthenticationException {

	InvalidApiToken() {
		super("The API token is unknown, revoked or expired.");
	}

}
