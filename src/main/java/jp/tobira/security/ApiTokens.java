package jp.tobira.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.audit.AuditKind;
import jp.tobira.audit.AuditLog;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * API tokens: machine credentials a signed-in user makes for a program that calls the
 * JSON API as them ({@code Authorization: Bearer tobira_…}). A token is 32 random bytes,
 * so unlike a password it cannot be guessed from a list: it is stored as an HMAC-SHA-256
 * under the installation's key ({@link ApiTokenSettings}), which is fast to check (no
 * bcrypt on every call) and useless to anyone holding the table without the key. Made and
 * revoked with an audit entry each; uses are attributed through the entries their
 * requests write ({@link ApiTokenAttribution}) and {@code last_used_at}.
 */
@Service
public class ApiTokens {

	/** Tells a Tobira token apart in a configuration file or a secret scanner's rules. */
	static final String TOKEN_PREFIX = "tobira_";

	static final int NAME_MAX_LENGTH = 100;

	private static final int SECRET_BYTES = 32;

	/**
	 * What a well-formed token looks like: the prefix and 32 bytes in unpadded base64url.
	 * Anything else is refused before the database is asked.
	 */
	private static final Pattern WELL_FORMED = Pattern.compile(TOKEN_PREFIX + "[A-Za-z0-9_-]{43}");

	/**
	 * The prefix and five characters of the secret (30 of its 256 bits): enough for a
	 * user to tell their tokens apart, too little to help a guesser.
	 */
	private static final int SHOWN_LENGTH = TOKEN_PREFIX.length() + 5;

	/**
	 * {@code last_used_at} is written at most this often per token, so a busy client
	 * costs one row update a minute, not one per request.
	 */
	private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AuditLog auditLog;

	private final ApiTokenSettings settings;

	private final SecretKeySpec hashKey;

	private final SecureRandom random = new SecureRandom();

	ApiTokens(JdbcClient jdbc, Clock clock, AuditLog auditLog, ApiTokenSettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.auditLog = auditLog;
		this.settings = settings;
		this.hashKey = new SecretKeySpec(settings.hashKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** The longest a token may live, in days, for the form's hint. */
	public long maxDays() {
		return settings.maxDays();
	}

	/** How long a token lives when its maker names no number of days. */
	public long defaultDays() {
		return settings.defaultDays();
	}

	/**
	 * Makes a token for the actor, bound to them and their organisation.
	 * @param expiresInDays how long it lives; the default lifetime when {@code null}
	 * @throws InvalidInput naming {@code name} or {@code expiresInDays}
	 */
	@Transactional
	public IssuedApiToken create(Actor actor, String name, Integer expiresInDays) {
		String trimmed = name == null ? "" : name.strip();
		long days = expiresInDays == null ? settings.defaultDays() : expiresInDays;
		List<FieldProblem> problems = new ArrayList<>();
		if (trimmed.isEmpty()) {
			problems.add(FieldProblem.of("name", "apiTokens.problem.nameRequired"));
		}
		else if (trimmed.length() > NAME_MAX_LENGTH) {
			problems.add(FieldProblem.of("name", "apiTokens.problem.nameTooLong", NAME_MAX_LENGTH));
		}
		if (days < 1 || days > settings.maxDays()) {
			problems.add(FieldProblem.of("expiresInDays", "apiTokens.problem.expiry", settings.maxDays()));
		}
		if (!problems.isEmpty()) {
			throw new InvalidInput(problems);
		}
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		UUID id = UUID.randomUUID();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Instant expiresAt = now.plus(Duration.ofDays(days));
		String shown = token.substring(0, SHOWN_LENGTH);
		jdbc.sql("""
				INSERT INTO app.api_token (id, username, organisation_id, name, prefix, hash, created_at, expires_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(id, actor.username(), actor.organisationId(), trimmed, shown, hash(token), Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("tokenId", id);
		payload.put("name", trimmed);
		payload.put("prefix", shown);
		payload.put("expiresAt", expiresAt);
		auditLog.append(actor.username(), null, AuditKind.API_TOKEN_CREATED, payload);
		return new IssuedApiToken(id, trimmed, token, expiresAt);
	}

	/** The user's tokens, the newest first, revoked and expired ones too. */
	public List<ApiToken> of(String username) {
		return jdbc.sql("""
				SELECT id, name, prefix, created_at, expires_at, last_used_at, revoked_at
				FROM app.api_token WHERE username = ? ORDER BY created_at DESC, id
				""")
			.param(username)
			.query((rs, row) -> new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("prefix"), instant(rs.getTimestamp("created_at")),
					instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")),
					instant(rs.getTimestamp("revoked_at"))))
			.list();
	}

	/**
	 * Revokes one of the actor's own tokens; revoking it again changes nothing and writes
	 * no second entry.
	 * @throws ApiTokenNotFound when the actor has no such token (another user's reads the
	 * same)
	 */
	@Transactional
	public void revoke(Actor actor, UUID id) {
		Optional<ApiToken> own = of(actor.username()).stream().filter(token -> token.id().equals(id)).findFirst();
		if (own.isEmpty()) {
			throw new ApiTokenNotFound();
		}
		int revoked = jdbc
			.sql("UPDATE app.api_token SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
			.params(Timestamp.from(clock.instant()), actor.username(), id)
			.update();
		if (revoked == 1) {
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("tokenId", id);
			payload.put("name", own.get().name());
			payload.put("prefix", own.get().prefix());
			auditLog.append(actor.username(), null, AuditKind.API_TOKEN_REVOKED, payload);
		}
	}

	/** A live token as the authentication filter needs it. */
	record Bearer(UUID id, String username, UUID organisationId, Instant lastUsedAt) {
	}

	/**
	 * The live (not revoked, not expired) token with this secret. The lookup is by the
	 * keyed hash: the database compares hashes, never the secret, so its comparison's
	 * timing tells a caller nothing about a token.
	 */
	Optional<Bearer> live(String token) {
		if (token == null || !WELL_FORMED.matcher(token).matches()) {
			return Optional.empty();
		}
		return jdbc.sql("""
				SELECT id, username, organisation_id, last_used_at FROM app.api_token
				WHERE hash = ? AND revoked_at IS NULL AND expires_at > ?
				""")
			.params(hash(token), Timestamp.from(clock.instant()))
			.query((rs, row) -> new Bearer(rs.getObject("id", UUID.class), rs.getString("username"),
					rs.getObject("organisation_id", UUID.class), instant(rs.getTimestamp("last_used_at"))))
			.optional();
	}

	/**
	 * Notes that the token was used now, unless that was already noted within the last
	 * minute (checked again in the update, for concurrent requests).
	 */
	void used(Bearer bearer) {
		Instant now = clock.instant();
		Instant stale = now.minus(LAST_USED_GRANULARITY);
		if (bearer.lastUsedAt() != null && bearer.lastUsedAt().isAfter(stale)) {
			return;
		}
		jdbc.sql("""
				UPDATE app.api_token SET last_used_at = ?
				WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)
				""").params(Timestamp.from(now), bearer.id(), Timestamp.from(stale)).update();
	}

	private String hash(String token) {
		try {
			// a Mac is not thread-safe, and making one is cheap next to a request
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(hashKey);
			return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA-256 is not available", ex);
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
