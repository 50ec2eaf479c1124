package jp.tobira.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import java.time.Clock;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may reach what. The JSON API answers 401/403 as problem details and takes HTTP
 * Basic or the session of a form log-in; pages need a log-in except the public register;
 * Camunda's webapps are for {@code admin} only.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	/** The supervisor's staff: every group but the issuers'. */
	private static final String[] STAFF = java.util.Arrays.stream(Group.values())
		.filter(Group::isSupervisorStaff)
		.map(Group::role)
		.toArray(String[]::new);

	/**
	 * bcrypt for new hashes, at the configured strength; the {@code {id}} prefix in each
	 * stored hash names its encoder, so a hash made at another strength still matches.
	 */
	@Bean
	PasswordEncoder passwordEncoder(PasswordHashSettings settings) {
		return new DelegatingPasswordEncoder("bcrypt",
				java.util.Map.of("bcrypt", new BCryptPasswordEncoder(settings.bcryptStrength())));
	}

	/**
	 * The only authentication provider, so Spring Security's global authentication
	 * manager, which the form log-in and HTTP Basic of both chains use, checks passwords
	 * through the throttle (OWASP ASVS V2.2.1). Not a chain's own provider
	 * ({@code http.authenticationProvider}): a chain's manager falls back to the global
	 * one after its own provider fails, and that fallback would check the password
	 * unthrottled.
	 */
	@Bean
	ThrottledAuthenticationProvider authenticationProvider(UserDetailsService userDetailsService,
			PasswordEncoder passwordEncoder, LogInThrottle throttle, Clock clock) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(userDetailsService);
		passwords.setPasswordEncoder(passwordEncoder);
		return new ThrottledAuthenticationProvider(passwords, throttle, clock);
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
			ProblemAccessDeniedHandler deniedHandler, ApiTokens apiTokens, Users users) throws Exception {
		http.securityMatcher(withDefaults().matcher("/api/**"))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(withDefaults().matcher(HttpMethod.GET, "/api/v1/register"))
				.permitAll()
				.requestMatchers(withDefaults().matcher("/api/v1/audit"), withDefaults().matcher("/api/v1/audit.csv"),
						withDefaults().matcher("/api/v1/audit/**"))
				.hasRole(Group.ADMIN.role())
				// what only an issuer does with a case, decided before the body is read
				.requestMatchers(withDefaults().matcher(HttpMethod.POST, "/api/v1/applications"),
						withDefaults().matcher(HttpMethod.PUT, "/api/v1/applications/*"),
						withDefaults().matcher(HttpMethod.POST, "/api/v1/applications/*/documents"),
						withDefaults().matcher(HttpMethod.POST, "/api/v1/applications/*/submit"),
						withDefaults().matcher(HttpMethod.POST, "/api/v1/applications/*/withdraw"),
						withDefaults().matcher(HttpMethod.POST, "/api/v1/applications/*/surrender"),
						withDefaults().matcher(HttpMethod.POST, "/api/v1/applications/*/rfi-response"),
						withDefaults().matcher(HttpMethod.POST, "/api/v1/applications/*/reserve-reports"))
				.hasRole(Group.ISSUER.role())
				.requestMatchers(withDefaults().matcher("/api/v1/applications/**"))
				.authenticated()
				.requestMatchers(withDefaults().matcher("/api/v1/tasks"), withDefaults().matcher("/api/v1/tasks/**"),
						withDefaults().matcher("/api/v1/delegations"), withDefaults().matcher("/api/v1/delegations/**"))
				.hasAnyRole(Group.INTAKE.role(), Group.BACKING_REVIEW.role(), Group.COOPERATION.role(),
						Group.DECISION.role(), Group.SUPERVISION.role(), Group.ADMIN.role())
				// decided here, before a body or parameter is read: a caller who may not
				// draft learns nothing from how a draft would be refused
				.requestMatchers(withDefaults().matcher(HttpMethod.POST, "/api/v1/rulebook/**"))
				.hasRole(Group.ADMIN.role())
				.requestMatchers(withDefaults().matcher("/api/v1/rulebook/versions"),
						withDefaults().matcher("/api/v1/rulebook/versions/**"),
						withDefaults().matcher("/api/v1/rulebook/compare"))
				.hasAnyRole(STAFF)
				.anyRequest()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.headers(SecurityHeaders.api())
			// API tokens (Authorization: Bearer), checked ahead of Basic; see
			// ApiTokenFilter
			.addFilterBefore(new ApiTokenFilter(apiTokens, users, entryPoint), BasicAuthenticationFilter.class)
			.exceptionHandling(
					handling -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			// A request carrying its own credentials (HTTP Basic) is not driven by a
			// cookie, so it cannot be forged
			// across sites; a request riding on a browser session still needs the CSRF
			// token
			.csrf(csrf -> csrf.ignoringRequestMatchers(carriesCredentials()));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint, LogInAudit logInAudit)
			throws Exception {
		// anonymous callers (a load balancer) get the health status alone, an admin its
		// details (application.yml); any other endpoint exposed is the admin's
		http.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("health"))
			.permitAll()
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.hasRole(Group.ADMIN.role())
			.requestMatchers(withDefaults().matcher("/register"), withDefaults().matcher("/register.csv"),
					withDefaults().matcher("/register.atom"), withDefaults().matcher("/login"),
					withDefaults().matcher("/error"), withDefaults().matcher("/css/**"),
					withDefaults().matcher("/js/**"), withDefaults().matcher("/webjars/**"),
					withDefaults().matcher("/favicon.ico"))
			.permitAll()
			.requestMatchers(withDefaults().matcher("/v3/api-docs/**"), withDefaults().matcher("/v3/api-docs"),
					withDefaults().matcher("/swagger-ui/**"), withDefaults().matcher("/swagger-ui.html"))
			.authenticated()
			// each area's role, decided before a form or parameter is read (the pages'
			// own @PreAuthorize says the same at the controller)
			.requestMatchers(withDefaults().matcher("/admin"), withDefaults().matcher("/admin/**"))
			.hasRole(Group.ADMIN.role())
			.requestMatchers(withDefaults().matcher("/tasks"), withDefaults().matcher("/tasks/**"),
					withDefaults().matcher("/dashboard"), withDefaults().matcher("/account/delegation"),
					withDefaults().matcher("/account/delegation/**"))
			.hasAnyRole(STAFF)
			.requestMatchers(withDefaults().matcher("/applications"), withDefaults().matcher("/applications/**"),
					withDefaults().matcher("/cases/*/withdraw"), withDefaults().matcher("/cases/*/rfi-response"),
					withDefaults().matcher("/cases/*/reserve-reports"),
					withDefaults().matcher("/cases/*/reserve-reports/**"), withDefaults().matcher("/cases/*/surrender"))
			.hasRole(Group.ISSUER.role())
			// Camunda's Jersey servlets are mapped at /camunda/api/*: a path pattern (not
			// a string prefix) covers them
			.requestMatchers(withDefaults().matcher("/camunda/**"))
			.hasRole(Group.ADMIN.role())
			.anyRequest()
			.authenticated())
			// the engine's REST API (inside the webapp, and the standalone path should it
			// ever be added) is called
			// by scripts and the webapps' JavaScript: a 401 tells them to authenticate, a
			// redirect to the log-in
			// page would not
			.exceptionHandling(handling -> handling
				.defaultAuthenticationEntryPointFor(entryPoint,
						new OrRequestMatcher(withDefaults().matcher("/camunda/api/**"),
								withDefaults().matcher("/engine-rest/**")))
				// the engine's REST API keeps Spring's plain 403
				.defaultAccessDeniedHandlerFor(new PageAccessDeniedHandler(),
						new NegatedRequestMatcher(new OrRequestMatcher(withDefaults().matcher("/camunda/api/**"),
								withDefaults().matcher("/engine-rest/**")))))
			.headers(SecurityHeaders.pages())
			.formLogin(form -> form.loginPage("/login")
				.defaultSuccessUrl("/", true)
				.failureHandler(logInAudit)
				.permitAll())
			// a throttled Basic log-in gets the API's 429 here too
			.httpBasic(basic -> basic.authenticationEntryPoint(throttledOrChallenge(entryPoint)))
			.logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
			// Camunda's webapps carry their own CSRF protection (a header token of their
			// own)
			.csrf(csrf -> csrf.ignoringRequestMatchers(withDefaults().matcher("/camunda/api/**")));
		return http.build();
	}

	/**
	 * HTTP Basic on pages keeps the challenge it always had (Spring's default realm
	 * name), but a throttled log-in is told to wait (429, {@code Retry-After}), as on the
	 * API.
	 */
	private static AuthenticationEntryPoint throttledOrChallenge(ProblemAuthenticationEntryPoint problems) {
		BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
		challenge.setRealmName("Realm");
		return (request, response, exception) -> {
			if (exception instanceof LogInThrottledException) {
				problems.commence(request, response, exception);
			}
			else {
				challenge.commence(request, response, exception);
			}
		};
	}

	/**
	 * HTTP Basic credentials or an API token only: any other Authorization header would
	 * let a request that really authenticates by its session cookie skip the CSRF check.
	 * A Bearer header is safe to exempt because the API token filter either authenticates
	 * the request by the token or answers 401: it never reaches the session.
	 */
	private static RequestMatcher carriesCredentials() {
		return request -> {
			String authorization = request.getHeader("Authorization");
			return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
					|| ApiTokenFilter.carriesToken(request);
		};
	}

}
