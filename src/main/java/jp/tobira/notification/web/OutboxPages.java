package jp.tobira.notification.web;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import jp.tobira.notification.NotificationSettings;
import jp.tobira.notification.Outbox;
import jp.tobira.notification.OutboxMessageNotFound;
import jp.tobira.security.DemoMode;

/**
 * The outbox for admins in demo mode: the newest messages with their state, and each one
 * as it would be sent, so a demonstration without an SMTP server still shows what the
 * issuers and reviewers are told. Outside demo mode there is no such page (404).
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class OutboxPages {

	static final int SHOWN = 200;

	private final Outbox outbox;

	private final DemoMode demoMode;

	private final NotificationSettings settings;

	OutboxPages(Outbox outbox, DemoMode demoMode, NotificationSettings settings) {
		this.outbox = outbox;
		this.demoMode = demoMode;
		this.settings = settings;
	}

	@GetMapping("/admin/outbox")
	String list(Model model) {
		onlyInDemoMode("outbox");
		model.addAttribute("messages", outbox.newest(SHOWN));
		model.addAttribute("total", outbox.count());
		model.addAttribute("shown", SHOWN);
		return "admin/outbox";
	}

	@GetMapping("/admin/outbox/{id}")
	String message(@PathVariable UUID id, Model model) {
		onlyInDemoMode(id);
		model.addAttribute("message", outbox.find(id).orElseThrow(() -> new OutboxMessageNotFound(id)));
		model.addAttribute("from", settings.from());
		return "admin/outbox-message";
	}

	private void onlyInDemoMode(Object what) {
		if (!demoMode.enabled()) {
			throw new OutboxMessageNotFound(what);
		}
	}

}
