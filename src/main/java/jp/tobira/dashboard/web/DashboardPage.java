package jp.tobira.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.dashboard.CaseStatistics;
import jp.tobira.security.StaffOnly;

/** The reviewers' and admins' dashboard: the charts, and the numbers beside them. */
@Controller
@StaffOnly
class DashboardPage {

	private final CaseStatistics statistics;

	DashboardPage(CaseStatistics statistics) {
		this.statistics = statistics;
	}

	@GetMapping("/dashboard")
	String dashboard(Model model) {
		model.addAttribute("figures", statistics.figures());
		return "dashboard/index";
	}

}
