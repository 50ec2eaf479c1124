package jp.tobira.supervision.web;

import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationService;
import jp.tobira.security.TobiraUser;
import jp.tobira.supervision.ReportingSchedule;
import jp.tobira.supervision.Supervision;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Refusal;
import jp.tobira.web.Explanations;

/**
 * The issuer gives up its token's recognition: a page that says what follows and asks for
 * reasons, then the service the API's surrender calls ({@link Supervision#surrender}).
 * Another issuer's case is not found; staff are refused.
 */
@Controller
@PreAuthorize("hasRole('ISSUER')")
class SurrenderPages {

	private final Supervision supervision;

	private final ApplicationService applications;

	private final ReportingSchedule schedule;

	private final Explanations explanations;

	SurrenderPages(Supervision supervision, ApplicationService applications, ReportingSchedule schedule,
			Explanations explanations) {
		this.supervision = supervision;
		this.applications = applications;
		this.schedule = schedule;
		this.explanations = explanations;
	}

	@GetMapping("/cases/{id}/surrender")
	String confirm(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, Model model) {
		ApplicationId caseId = new ApplicationId(id);
		model.addAttribute("theCase", applications.get(user.actor(), caseId));
		// what is owed, if the token is under supervision; if not, the page says there
		// is nothing to surrender and offers no button
		model.addAttribute("owed", schedule.owedBy(caseId).orElse(null));
		return "supervision/surrender";
	}

	@PostMapping("/cases/{id}/surrender")
	String surrender(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam(required = false) String reasons, RedirectAttributes redirect) {
		try {
			supervision.surrender(user.actor(), new ApplicationId(id), reasons);
			redirect.addFlashAttribute("message", "surrender.done");
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			return "redirect:/cases/" + id + "/surrender";
		}
		catch (Refusal ex) {
			if (ex.kind() == Refusal.Kind.NOT_FOUND || ex.kind() == Refusal.Kind.FORBIDDEN) {
				throw ex;
			}
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/cases/" + id;
	}

}
