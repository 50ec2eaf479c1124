package jp.tobira.review.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.review.DelegationNotFound;
import jp.tobira.review.Delegations;
import jp.tobira.security.Actor;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/**
 * "While I am away", on the user's own pages beside their API tokens: the delegate they
 * named for a period, those who named them, a form to name one and a button to end one.
 */
@Controller
@PreAuthorize("hasAnyRole('INTAKE', 'BACKING_REVIEW', 'COOPERATION', 'DECISION', 'SUPERVISION', 'ADMIN')")
class DelegationPage {

	private final Delegations delegations;

	private final Explanations explanations;

	private final Clock clock;

	DelegationPage(Delegations delegations, Explanations explanations, Clock clock) {
		this.delegations = delegations;
		this.explanations = explanations;
		this.clock = clock;
	}

	@GetMapping("/account/delegation")
	String page(@AuthenticationPrincipal TobiraUser user, Model model) {
		return page(user.actor(), model, Map.of(), Map.of());
	}

	/**
	 * A refusal answers with the page itself (400), each problem beside its field and
	 * what was typed kept.
	 */
	@PostMapping("/account/delegation")
	String name(@AuthenticationPrincipal TobiraUser user, @RequestParam(defaultValue = "") String delegate,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			delegations.name(user.actor(), delegate, from, to);
			redirect.addFlashAttribute("message", "delegation.saved");
			return "redirect:/account/delegation";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("error", explanations.of(ex));
			return page(user.actor(), model, explanations.of(ex.problems()),
					Map.of("delegate", delegate, "from", from, "to", to));
		}
	}

	@PostMapping("/account/delegation/{id}/end")
	String end(@AuthenticationPrincipal TobiraUser user, @PathVariable String id, RedirectAttributes redirect) {
		try {
			delegations.end(user.actor(), UUID.fromString(id));
			redirect.addFlashAttribute("message", "delegation.ended");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", explanations.of(new DelegationNotFound(id)));
		}
		catch (DelegationNotFound ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/account/delegation";
	}

	private String page(Actor actor, Model model, Map<String, String> errors, Map<String, String> typed) {
		model.addAttribute("delegations", delegations.of(actor));
		model.addAttribute("choices", delegations.choices(actor));
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		model.addAttribute("today", LocalDate.now(clock));
		return "account/delegation";
	}

}
