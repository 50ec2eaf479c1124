package jp.tobira.audit;

import java.util.Optional;

/**
 * How an actor acted, when it is more than their name: the security module registers one
 * that names the API token a request authenticated with, so every entry that request
 * appends for the token's user says {@code "via": "api-token:<id>"}. The audit module
 * asks through this interface because it may not know the security module
 * (ARCHITECTURE.md, the module rules).
 */
public interface AuditAttribution {

	/**
	 * How the given actor is acting in the current request, such as
	 * {@code api-token:<id>}; empty when there is nothing to add (a form log-in, HTTP
	 * Basic, or an entry written for someone else, such as {@code system}).
	 */
	Optional<String> via(String actor);

}
