package jp.tobira.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

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

	/** This page's address without its language parameter, for the language switch. */
	@ModelAttribute("currentUrl")
	String currentUrl(jakarta.servlet.http.HttpServletRequest request) {
		org.springframework.web.util.UriComponentsBuilder url = org.springframework.web.util.UriComponentsBuilder
			.fromPath(request.getRequestURI().substring(request.getContextPath().length()));
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals("lang") && !name.equals("_csrf")) {
				url.queryParam(name, (Object[]) values);
			}
		});
		return url.encode().build().toUriString();
	}

	@ModelAttribute("demo")
	boolean demo() {
		return demoMode.enabled();
	}
}
