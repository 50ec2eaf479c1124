package jp.tobira.web;

import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.util.WebUtils;

import jp.tobira.security.TobiraUser;
import jp.tobira.security.Users;

/**
 * The screen language. Signed in, the language the user chose last (so it follows them to
 * another browser and wins over whatever this browser's cookie says); else, or if they
 * never chose, this browser's cookie; else English. Choosing a language sets the cookie
 * and, while signed in, remembers it for the user; a page of a signed-in user puts the
 * stored choice into the cookie. The user's choice is read from the database once per
 * session.
 */
class UserLocaleResolver extends CookieLocaleResolver {

	static final Locale JAPANESE = Locale.JAPANESE;

	static final String COOKIE = "tobira-lang";

	/**
	 * The user's stored choice, read once per session: "username:tag", the tag empty when
	 * they never chose.
	 */
	static final String SESSION_ATTRIBUTE = UserLocaleResolver.class.getName() + ".CHOICE";

	private final Users users;

	UserLocaleResolver(Users users) {
		super(COOKIE);
		this.users = users;
		setDefaultLocale(Locale.ENGLISH);
		setCookieMaxAge(java.time.Duration.ofDays(365));
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return storedChoice(request).orElseGet(() -> super.resolveLocale(request));
	}

	@Override
	public LocaleContext resolveLocaleContext(HttpServletRequest request) {
		LocaleContext fromCookie = super.resolveLocaleContext(request);
		return new TimeZoneAwareLocaleContext() {

			@Override
			public Locale getLocale() {
				return storedChoice(request).orElseGet(fromCookie::getLocale);
			}

			@Override
			public TimeZone getTimeZone() {
				return fromCookie instanceof TimeZoneAwareLocaleContext zoned ? zoned.getTimeZone() : null;
			}
		};
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Locale chosen = supported(locale);
		super.setLocale(request, response, chosen);
		signedIn().ifPresent(user -> {
			users.saveLocale(user.getUsername(), chosen.toLanguageTag());
			remember(request, user.getUsername(), chosen.toLanguageTag());
		});
	}

	/**
	 * Writes the signed-in user's stored choice into this browser's cookie when the two
	 * differ, so what comes after the session (the log-in page after log-out) speaks the
	 * user's language too.
	 */
	void keepCookieInStep(HttpServletRequest request, HttpServletResponse response) {
		storedChoice(request).ifPresent(stored -> {
			Cookie cookie = WebUtils.getCookie(request, COOKIE);
			if (cookie == null || !stored.toLanguageTag().equals(cookie.getValue())) {
				super.setLocale(request, response, stored);
			}
		});
	}

	private Optional<Locale> storedChoice(HttpServletRequest request) {
		Optional<TobiraUser> user = signedIn();
		if (user.isEmpty()) {
			return Optional.empty();
		}
		String username = user.get().getUsername();
		String prefix = username + ":";
		HttpSession session = request.getSession(false);
		Object cached = session == null ? request.getAttribute(SESSION_ATTRIBUTE)
				: session.getAttribute(SESSION_ATTRIBUTE);
		String choice;
		if (cached instanceof String remembered && remembered.startsWith(prefix)) {
			choice = remembered.substring(prefix.length());
		}
		else {
			choice = users.localeOf(username).orElse("");
			remember(request, username, choice);
		}
		return choice.isEmpty() ? Optional.empty() : Optional.of(supported(Locale.forLanguageTag(choice)));
	}

	private static void remember(HttpServletRequest request, String username, String languageTag) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.setAttribute(SESSION_ATTRIBUTE, username + ":" + languageTag);
		}
		else {
			request.setAttribute(SESSION_ATTRIBUTE, username + ":" + languageTag);
		}
	}

	private static Locale supported(Locale locale) {
		return locale != null && locale.getLanguage().equals("ja") ? JAPANESE : Locale.ENGLISH;
	}

	private static Optional<TobiraUser> signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof TobiraUser user ? Optional.of(user)
				: Optional.empty();
	}

}
