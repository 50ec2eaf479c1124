package jp.tobira.dashboard.web;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.application.Holidays;
import jp.tobira.checks.AutomaticChecks;

/**
 * The admin's start page: what needs their attention (the holiday calendar's reach) and
 * the thresholds in force.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminOverviewPage {

	private final Holidays holidays;

	private final AutomaticChecks checks;

	private final Clock clock;

	AdminOverviewPage(Holidays holidays, AutomaticChecks checks, Clock clock) {
		this.holidays = holidays;
		this.checks = checks;
		this.clock = clock;
	}

	@GetMapping("/admin")
	String overview(Model model) {
		model.addAttribute("holidayWarning", holidays.coverageWarning(LocalDate.now(clock)));
		model.addAttribute("coveredUntil", holidays.calendar().coveredUntil());
		model.addAttribute("thresholds", checks.limits().describe());
		return "admin/overview";
	}

}
