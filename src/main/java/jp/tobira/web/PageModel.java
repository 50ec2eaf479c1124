package jp.tobira.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import jp.tobira.security.DemoMode;
import jp.tobira.security.TobiraUser;

/** What every page's layout needs: the signed-in user and whether this is a demo installation. */
@ControllerAdvice(basePackages = "jp.tobira.web")
class PageModel {

	private final DemoMode demoMode;

	PageModel(DemoMode demoMode) {
		this.demoMode = demoMode;
	}

	@ModelAttribute("currentUser")
	CurrentUser currentUser(@AuthenticationPrincipal TobiraUser user) {
		return user == null ? null : CurrentUser.of(user);
	}

	/**
	 * This page's address without its language parameter, for the language switch. Only the query string is kept:
	 * the fields of a posted form must not end up in a link (and in logs and the browser's history).
	 */
	@ModelAttribute("currentUrl")
	String currentUrl(HttpServletRequest request) {
		return UriComponentsBuilder.fromPath(request.getRequestURI().substring(request.getContextPath().length()))
			.query(request.getQueryString())
			.replaceQueryParam("lang")
			.replaceQueryParam("_csrf")
			.build()
			.toUriString();
	}

	@ModelAttribute("demo")
	boolean demo() {
		return demoMode.enabled();
	}
}
