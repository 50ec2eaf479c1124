package jp.tobira.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jp.tobira.security.TobiraUser;
import jp.tobira.security.Users;

/**
 * The screen language: the cookie of this browser, else the language the signed-in user chose last time (so it
 * follows them to another browser), else English. Choosing a language while signed in remembers it for the user.
 */
class UserLocaleResolver extends CookieLocaleResolver {

	static final Locale JAPANESE = Locale.JAPANESE;

	private final Users users;

	UserLocaleResolver(Users users) {
		super("tobira-lang");
		this.users = users;
		setDefaultLocale(Locale.ENGLISH);
		setCookieMaxAge(java.time.Duration.ofDays(365));
		setDefaultLocaleFunction(request -> signedIn().flatMap(user -> users.localeOf(user.getUsername()))
			.map(Locale::forLanguageTag)
			.orElse(Locale.ENGLISH));
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Locale chosen = locale != null && locale.getLanguage().equals("ja") ? JAPANESE : Locale.ENGLISH;
		super.setLocale(request, response, chosen);
		signedIn().ifPresent(user -> users.saveLocale(user.getUsername(), chosen.toLanguageTag()));
	}

	private static java.util.Optional<TobiraUser> signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getPrincipal() instanceof TobiraUser user
				? java.util.Optional.of(user) : java.util.Optional.empty();
	}
}
