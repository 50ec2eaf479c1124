package jp.tobira.security;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.withDefaults;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The response headers of OWASP ASVS 4.0.3 V14.4 on every answer. Pages get a Content
 * Security Policy without {@code unsafe-inline}: every script and style is a file of this
 * origin, and nothing may frame a page. The API's answers (JSON, a letter, a document)
 * may load nothing at all, and so may the pages' answers that are data (the register's
 * CSV and Atom feed); an answer that sets its own policy (a document's {@code sandbox}, a
 * letter's hash of its style) keeps it. Camunda's webapps set a policy of their own (with
 * nonces for their inline scripts): a second one from here would block them, so they are
 * left to theirs. {@code nosniff}, {@code X-Frame-Options: DENY} and, on HTTPS, HSTS are
 * Spring Security's defaults; in the {@code prod} profile the forwarded protocol of the
 * TLS proxy makes a request secure (README, "Headers").
 */
final class SecurityHeaders {

	/**
	 * Every directive names its sources: a missing one would fall back to default-src.
	 */
	static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

	/** No feature of the browser that Tobira does not use. */
	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "serial=(), bluetooth=(), display-capture=(), fullscreen=(self)";

	private SecurityHeaders() {
	}

	/**
	 * Answers outside the API that are data, not pages (the register's CSV and Atom
	 * feed): a browser that renders one (an XML feed, say) may load nothing for it, as
	 * for the API's answers.
	 */
	private static final RequestMatcher DATA = new OrRequestMatcher(withDefaults().matcher("/register.csv"),
			withDefaults().matcher("/register.atom"));

	static Customizer<HeadersConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>> pages() {
		return headers -> common(headers)
			.addHeaderWriter(
					new DelegatingRequestMatcherHeaderWriter(
							new AndRequestMatcher(new NegatedRequestMatcher(withDefaults().matcher("/camunda/**")),
									new NegatedRequestMatcher(DATA)),
							new ContentSecurityPolicyHeaderWriter(PAGE_POLICY)))
			.addHeaderWriter(
					new DelegatingRequestMatcherHeaderWriter(DATA, new ContentSecurityPolicyHeaderWriter(API_POLICY)));
	}

	static Customizer<HeadersConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity>> api() {
		return headers -> common(headers).contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY));
	}

	private static HeadersConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity> common(
			HeadersConfigurer<org.springframework.security.config.annotation.web.builders.HttpSecurity> headers) {
		return headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY))
			.addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin"));
	}

}
