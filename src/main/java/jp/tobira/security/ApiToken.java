package jp.tobira.security;

import java.time.Instant;
import java.util.UUID;

/**
 * One of a user's API tokens as its owner may see it: never the secret, only the first
 * characters ({@code prefix}) to tell it apart.
 */
public record ApiToken(UUID id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
		Instant revokedAt) {

	/** Whether the token still authenticates at {@code now}. */
	public boolean active(Instant now) {
		return revokedAt == null && now.isBefore(expiresAt);
	}

}
