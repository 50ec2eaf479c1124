package jp.tobira.security;

import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import jp.tobira.audit.AuditAttribution;

/**
 * Names the API token of the current request in the audit entries its user's actions
 * append ({@code "via": "api-token:<id>"}). Entries the request writes for someone else
 * (the engine's steps, as {@code system}) are not the token's doing and get nothing.
 */
@Component
class ApiTokenAttribution implements AuditAttribution {

	@Override
	public Optional<String> via(String actor) {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiTokenAuthentication token
				&& token.getName().equals(actor)) {
			return Optional.of("api-token:" + token.tokenId());
		}
		return Optional.empty();
	}

}
