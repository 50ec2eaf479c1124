package jp.tobira.security;

import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated by an API token: the token's user as the principal, the same
 * {@link TobiraUser} a log-in gives, so every authorisation rule applies as it would to
 * them; and which token it was, so what the request does is attributable to it.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private final TobiraUser user;

	private final UUID tokenId;

	ApiTokenAuthentication(TobiraUser user, UUID tokenId) {
		super(user.getAuthorities());
		this.user = user;
		this.tokenId = tokenId;
		setAuthenticated(true);
	}

	public UUID tokenId() {
		return tokenId;
	}

	@Override
	public TobiraUser getPrincipal() {
		return user;
	}

	/** The token's secret is never kept past the filter that checked it. */
	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ApiTokenAuthentication that && super.equals(that) && tokenId.equals(that.tokenId);
	}

	@Override
	public int hashCode() {
		return 31 * super.hashCode() + tokenId.hashCode();
	}

}
