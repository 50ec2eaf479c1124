package jp.tobira.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import jp.tobira.security.DemoMode;
import jp.tobira.security.TobiraUser;

/**
 * What every page's layout needs: the signed-in user and whether this is a demo
 * installation. Boot's error controller renders the error pages that no controller of
 * ours reached (an unknown address, an oversized upload), so it gets the same model: the
 * header keeps its navigation and the language switch stays on the page.
 */
// every controller of the screens, whatever its module; a REST controller gets these too
// and ignores them
@ControllerAdvice(annotations = Controller.class, assignableTypes = BasicErrorController.class)
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
	 * This page's address without its language parameter, for the language switch. Only
	 * the query string is kept: the fields of a posted form must not end up in a link
	 * (and in logs and the browser's history).
	 */
	@ModelAttribute("currentUrl")
	String currentUrl(HttpServletRequest request) {
		Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = failed instanceof String original ? original : request.getRequestURI();
		return UriComponentsBuilder.fromPath(uri.substring(request.getContextPath().length()))
			.query(failed == null ? request.getQueryString() : null)
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
