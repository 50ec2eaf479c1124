package jp.tobira.security;

import java.time.Instant;
import java.util.UUID;

/**
 * A token just made: the only time its secret is known, to be shown to its maker once.
 */
public record IssuedApiToken(UUID id, String name, String token, Instant expiresAt) {
}
