package jp.tobira.cooperation.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.cooperation.EquivalenceStatus;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/**
 * The admin's jurisdiction table: each home framework's equivalence status, changed and
 * audited.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class JurisdictionPages {

	private final Jurisdictions jurisdictions;

	private final Explanations explanations;

	JurisdictionPages(Jurisdictions jurisdictions, Explanations explanations) {
		this.jurisdictions = jurisdictions;
		this.explanations = explanations;
	}

	@GetMapping("/admin/jurisdictions")
	String jurisdictions(Model model) {
		return jurisdictionsPage(model, Map.of(), Map.of());
	}

	/**
	 * A refused change comes back on the same page, each error next to its field and what
	 * was typed still there.
	 */
	@PostMapping("/admin/jurisdictions")
	String setJurisdiction(@AuthenticationPrincipal TobiraUser user, @RequestParam String code,
			@RequestParam String name, @RequestParam EquivalenceStatus status,
			@RequestParam(required = false) String note, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			jurisdictions.set(user.getUsername(), code.strip().toUpperCase(), name, status, blankToNull(note));
			redirect.addFlashAttribute("message", "admin.saved");
			return "redirect:/admin/jurisdictions";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return jurisdictionsPage(model, errors(ex),
					Map.of("code", code, "name", name, "status", status.name(), "note", note == null ? "" : note));
		}
	}

	private String jurisdictionsPage(Model model, Map<String, String> errors, Map<String, String> typed) {
		model.addAttribute("jurisdictions", jurisdictions.all());
		model.addAttribute("statuses", EquivalenceStatus.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		return "admin/jurisdictions";
	}

	private Map<String, String> errors(InvalidInput ex) {
		return explanations.of(ex.problems());
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
