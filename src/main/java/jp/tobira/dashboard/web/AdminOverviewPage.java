package jp.tobira.dashboard.web;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.application.Holidays;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookVersion;

/**
 * The admin's start page: what needs their attention (the holiday calendar's reach) and
 * the rulebook version in force, with its thresholds.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminOverviewPage {

	private final Holidays holidays;

	private final Rulebook rulebook;

	private final Clock clock;

	AdminOverviewPage(Holidays holidays, Rulebook rulebook, Clock clock) {
		this.holidays = holidays;
		this.rulebook = rulebook;
		this.clock = clock;
	}

	@GetMapping("/admin")
	String overview(Model model) {
		model.addAttribute("holidayWarning", holidays.coverageWarning(LocalDate.now(clock)));
		model.addAttribute("coveredUntil", holidays.calendar().coveredUntil());
		RulebookVersion inForce = rulebook.inForce();
		model.addAttribute("rulebook", inForce);
		model.addAttribute("thresholds", inForce.thresholdsInForce());
		model.addAttribute("drafts", rulebook.versions().stream().filter(v -> !v.approved()).count());
		return "admin/overview";
	}

}
