package jp.tobira.notification.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.notification.NotificationKind;
import jp.tobira.notification.NotificationPreferences;
import jp.tobira.security.TobiraUser;
import jp.tobira.security.Users;
import jp.tobira.validation.InvalidInput;

/**
 * The caller's notifications in the JSON API: their address and each kind they can
 * receive, on or off.
 */
@RestController
@RequestMapping("/api/v1/notification-preferences")
@Tag(name = "Notifications", description = "Which e-mail notifications the caller receives")
class NotificationPreferencesController {

	private final NotificationPreferences preferences;

	private final Users users;

	NotificationPreferencesController(NotificationPreferences preferences, Users users) {
		this.preferences = preferences;
		this.users = users;
	}

	/**
	 * {@code kinds}: each kind the caller can receive, {@code true} when on.
	 */
	record Preferences(String email, Map<String, Boolean> kinds) {
	}

	/** What a client sends: the kinds to change, each {@code true} or {@code false}. */
	record Changes(Map<String, Boolean> kinds) {
	}

	@GetMapping
	@Operation(summary = "The caller's address and which kinds of notification they receive")
	Preferences get(@AuthenticationPrincipal TobiraUser user) {
		return body(user, preferences.of(user.actor()));
	}

	@PutMapping
	@Operation(summary = "Turns kinds of notification on or off for the caller; kinds not named keep their setting")
	Preferences put(@AuthenticationPrincipal TobiraUser user, @RequestBody Changes changes) {
		if (changes == null || changes.kinds() == null) {
			throw InvalidInput.of("kinds", "problem.required");
		}
		return body(user, preferences.set(user.actor(), changes.kinds()));
	}

	private Preferences body(TobiraUser user, Map<NotificationKind, Boolean> kinds) {
		Map<String, Boolean> byName = new LinkedHashMap<>();
		kinds.forEach((kind, on) -> byName.put(kind.name(), on));
		return new Preferences(users.emailOf(user.getUsername()).orElse(null), byName);
	}

}
