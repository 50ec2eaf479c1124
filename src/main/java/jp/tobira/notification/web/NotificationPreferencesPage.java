package jp.tobira.notification.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.notification.NotificationPreferences;
import jp.tobira.security.TobiraUser;
import jp.tobira.security.Users;

/**
 * The signed-in user's notifications: where they go, and which kinds they receive; a box
 * left unticked turns its kind off.
 */
@Controller
class NotificationPreferencesPage {

	private final NotificationPreferences preferences;

	private final Users users;

	NotificationPreferencesPage(NotificationPreferences preferences, Users users) {
		this.preferences = preferences;
		this.users = users;
	}

	@GetMapping("/account/notifications")
	String show(@AuthenticationPrincipal TobiraUser user, Model model) {
		model.addAttribute("kinds", preferences.of(user.actor()));
		model.addAttribute("email", users.emailOf(user.getUsername()).orElse(null));
		return "account/notifications";
	}

	/**
	 * {@code shown}: the kinds the form offered; {@code on}: those ticked. Only the kinds
	 * shown change, so a form posted without them changes nothing.
	 */
	@PostMapping("/account/notifications")
	String save(@AuthenticationPrincipal TobiraUser user,
			@RequestParam(name = "shown", required = false) List<String> shown,
			@RequestParam(name = "on", required = false) List<String> on, RedirectAttributes redirect) {
		List<String> ticked = on == null ? List.of() : on;
		Map<String, Boolean> changes = new LinkedHashMap<>();
		for (String kind : shown == null ? List.<String>of() : shown) {
			changes.put(kind, ticked.contains(kind));
		}
		preferences.set(user.actor(), changes);
		redirect.addFlashAttribute("message", "notifications.saved");
		return "redirect:/account/notifications";
	}

}
