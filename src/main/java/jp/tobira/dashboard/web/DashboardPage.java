package jp.tobira.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.dashboard.CaseStatistics;
import jp.tobira.dashboard.SupervisionStatistics;
import jp.tobira.security.StaffOnly;

/** The reviewers' and admins' dashboard: the charts, and the numbers beside them. */
@Controller
@StaffOnly
class DashboardPage {

	private final CaseStatistics statistics;

	private final SupervisionStatistics supervision;

	DashboardPage(CaseStatistics statistics, SupervisionStatistics supervision) {
		this.statistics = statistics;
		this.supervision = supervision;
	}

	@GetMapping("/dashboard")
	String dashboard(Model model) {
		model.addAttribute("figures", statistics.figures());
		model.addAttribute("supervision", supervision.figures());
		return "dashboard/index";
	}

}
