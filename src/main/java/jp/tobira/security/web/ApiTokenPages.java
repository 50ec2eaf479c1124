package jp.tobira.security.web;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.security.ApiTokens;
import jp.tobira.security.IssuedApiToken;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;

/**
 * The signed-in user's API tokens: list, make (the secret shown on the answer to the
 * form, once), revoke.
 */
@Controller
class ApiTokenPages {

	private final ApiTokens tokens;

	private final MessageSource messages;

	private final Clock clock;

	ApiTokenPages(ApiTokens tokens, MessageSource messages, Clock clock) {
		this.tokens = tokens;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/account/api-tokens")
	String list(@AuthenticationPrincipal TobiraUser user, Model model) {
		return page(user, model, null, Map.of(), Map.of());
	}

	/**
	 * Answers with the page itself rather than a redirect: the secret then lives only in
	 * this response (which Spring Security marks {@code no-store}), never in the session
	 * as a flash attribute would.
	 */
	@PostMapping("/account/api-tokens")
	String create(@AuthenticationPrincipal TobiraUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "") String expiresInDays, Model model, HttpServletResponse response) {
		try {
			IssuedApiToken issued = tokens.create(user.actor(), name, days(expiresInDays));
			return page(user, model, issued, Map.of(), Map.of());
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return page(user, model, null, errors(ex.problems()), Map.of("name", name, "expiresInDays", expiresInDays));
		}
	}

	@PostMapping("/account/api-tokens/{id}/revoke")
	String revoke(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		tokens.revoke(user.actor(), id);
		redirect.addFlashAttribute("message", "apiTokens.revoked");
		return "redirect:/account/api-tokens";
	}

	private String page(TobiraUser user, Model model, IssuedApiToken issued, Map<String, String> errors,
			Map<String, String> typed) {
		model.addAttribute("tokens", tokens.of(user.getUsername()));
		model.addAttribute("issued", issued);
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		model.addAttribute("maxDays", tokens.maxDays());
		model.addAttribute("defaultDays", tokens.defaultDays());
		model.addAttribute("now", clock.instant());
		return "account/api-tokens";
	}

	/** A number of days as typed: empty for the default, anything else not a number. */
	private static Integer days(String typed) {
		if (typed.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(typed.strip());
		}
		catch (NumberFormatException ex) {
			// out of range on purpose: refused with the same words as any other wrong
			// number
			return 0;
		}
	}

	/**
	 * The problems in the page's language. Not through {@code web.Explanations}: the
	 * shared web module knows the security module, so this one may not know it back.
	 */
	private Map<String, String> errors(List<FieldProblem> problems) {
		Map<String, String> byField = new java.util.LinkedHashMap<>();
		for (FieldProblem problem : problems) {
			String text = problem.phrase() == null ? problem.message()
					: messages.getMessage(
							new DefaultMessageSourceResolvable(new String[] { problem.phrase().key() },
									problem.phrase().argumentArray(), problem.message()),
							LocaleContextHolder.getLocale());
			byField.putIfAbsent(problem.field(), text);
		}
		return byField;
	}

}
