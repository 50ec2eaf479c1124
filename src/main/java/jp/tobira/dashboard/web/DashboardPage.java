package jp.tobira.dashboard.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import jp.tobira.dashboard.CaseStatistics;
import jp.tobira.dashboard.SupervisionStatistics;

/** The reviewers' and admins' dashboard: the charts, and the numbers beside them. */
@Controller
@PreAuthorize("hasAnyRole('INTAKE', 'BACKING_REVIEW', 'COOPERATION', 'DECISION', 'SUPERVISION', 'ADMIN')")
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
