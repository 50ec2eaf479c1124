package jp.tobira.security;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the API. A live token of an enabled user
 * authenticates the request as that user, for this request only: the context is not
 * saved, so no session is made and no cookie set. Any other Bearer header is answered 401
 * here and goes no further: it never falls through to HTTP Basic or to a session cookie
 * sent alongside.
 *
 * <p>
 * Not a bean: Spring Boot would register a filter bean for every request, outside the
 * security chain. {@link SecurityConfiguration} puts it into the API's chain.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer";

	private final ApiTokens tokens;

	private final Users users;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenFilter(ApiTokens tokens, Users users, AuthenticationEntryPoint entryPoint) {
		this.tokens = tokens;
		this.users = users;
		this.entryPoint = entryPoint;
	}

	/**
	 * Whether the request names the Bearer scheme, with or without a token after it (an
	 * empty one is refused like any other bad token).
	 */
	static boolean carriesToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				&& (authorization.length() == BEARER.length()
						|| Character.isWhitespace(authorization.charAt(BEARER.length())));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!carriesToken(request)) {
			chain.doFilter(request, response);
			return;
		}
		String token = request.getHeader(HttpHeaders.AUTHORIZATION).substring(BEARER.length()).strip();
		Optional<ApiTokens.Bearer> bearer = tokens.live(token);
		Optional<TobiraUser> user = bearer.flatMap(this::userOf);
		if (user.isEmpty()) {
			contexts.clearContext();
			entryPoint.commence(request, response, new InvalidApiToken());
			return;
		}
		tokens.used(bearer.get());
		SecurityContext context = contexts.createEmptyContext();
		context.setAuthentication(new ApiTokenAuthentication(user.get(), bearer.get().id()));
		contexts.setContext(context);
		chain.doFilter(request, response);
	}

	/**
	 * The token's user as they are now: enabled, and still in the organisation the token
	 * was made for (an issuer moved to another organisation must not carry its old
	 * organisation's tokens along, nor their new one's cases to an old program).
	 */
	private Optional<TobiraUser> userOf(ApiTokens.Bearer bearer) {
		return users.findByUsername(bearer.username())
			.filter(TobiraUser::isEnabled)
			.filter(user -> Objects.equals(user.organisationId(), bearer.organisationId()))
			.map(user -> {
				user.eraseCredentials();
				return user;
			});
	}

}
