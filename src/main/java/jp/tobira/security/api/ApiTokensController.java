package jp.tobira.security.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.security.ApiToken;
import jp.tobira.security.ApiTokenAuthentication;
import jp.tobira.security.ApiTokens;
import jp.tobira.security.IssuedApiToken;
import jp.tobira.security.TobiraUser;

/**
 * The caller's own API tokens: make one (its secret in this answer only), list them
 * without secrets, revoke one. Anyone signed in may; another user's token is answered as
 * a missing one (404).
 */
@RestController
@Tag(name = "API tokens", description = "Machine credentials for calling the API as yourself (Bearer)")
class ApiTokensController {

	private final ApiTokens tokens;

	ApiTokensController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * @param name what the token is for (required, at most 100 characters)
	 * @param expiresInDays how long it lives (1 to the configured maximum, 365 by
	 * default); the configured default lifetime (90 days) when missing
	 */
	record NewToken(String name, Integer expiresInDays) {
	}

	@PostMapping("/api/v1/api-tokens")
	@Operation(summary = "Make an API token; its secret is in this answer only")
	ResponseEntity<IssuedApiToken> create(@AuthenticationPrincipal TobiraUser user, Authentication authentication,
			@RequestBody NewToken request) {
		// a leaked token must not be able to mint itself successors that outlive its
		// revocation: tokens are made with a log-in
		if (authentication instanceof ApiTokenAuthentication) {
			throw new AccessDeniedException(
					"API tokens are made with a log-in (HTTP Basic or a session), " + "not with another API token.");
		}
		IssuedApiToken issued = tokens.create(user.actor(), request.name(), request.expiresInDays());
		return ResponseEntity.created(URI.create("/api/v1/api-tokens/" + issued.id())).body(issued);
	}

	@GetMapping("/api/v1/api-tokens")
	@Operation(summary = "The caller's API tokens, revoked and expired ones too, without their secrets")
	List<ApiToken> list(@AuthenticationPrincipal TobiraUser user) {
		return tokens.of(user.getUsername());
	}

	@DeleteMapping("/api/v1/api-tokens/{id}")
	@Operation(summary = "Revoke one of the caller's API tokens")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		tokens.revoke(user.actor(), id);
		return ResponseEntity.noContent().build();
	}

}
