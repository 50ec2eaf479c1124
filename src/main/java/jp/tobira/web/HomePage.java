package jp.tobira.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.security.TobiraUser;

/** Log-in, and after it each role's own start page. */
@Controller
class HomePage {

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal TobiraUser user) {
		CurrentUser current = CurrentUser.of(user);
		if (current.issuer()) {
			return "redirect:/applications";
		}
		if (current.staff()) {
			return "redirect:/tasks";
		}
		if (current.admin()) {
			return "redirect:/admin";
		}
		return "redirect:/register";
	}

}
