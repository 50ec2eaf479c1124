package jp.tobira.cooperation.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
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
import jp.tobira.cooperation.Jurisdiction;
import jp.tobira.cooperation.JurisdictionChange;
import jp.tobira.cooperation.Jurisdictions;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/**
 * The admin's jurisdiction table: each home framework's equivalence status and the
 * determination behind it, changed and audited, with every earlier change.
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
			@RequestParam(required = false) String determinedOn,
			@RequestParam(required = false) String determinationReference, @RequestParam(required = false) String note,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		try {
			jurisdictions.set(user.getUsername(), code.strip().toUpperCase(), name, status, day(determinedOn),
					blankToNull(determinationReference), blankToNull(note));
			redirect.addFlashAttribute("message", "admin.saved");
			return "redirect:/admin/jurisdictions";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			Map<String, String> typed = new LinkedHashMap<>();
			typed.put("code", code);
			typed.put("name", name);
			typed.put("status", status.name());
			typed.put("determinedOn", orEmpty(determinedOn));
			typed.put("determinationReference", orEmpty(determinationReference));
			typed.put("note", orEmpty(note));
			return jurisdictionsPage(model, errors(ex), typed);
		}
	}

	/**
	 * The date input's ISO day. A browser sends one or nothing; anything else is refused
	 * beside the field rather than as a page-wide binding error.
	 */
	private static LocalDate day(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw InvalidInput.of("determinedOn", "problem.unreadable");
		}
	}

	private String jurisdictionsPage(Model model, Map<String, String> errors, Map<String, String> typed) {
		List<Jurisdiction> all = jurisdictions.all();
		Map<String, List<JurisdictionChange>> histories = new LinkedHashMap<>();
		all.forEach(jurisdiction -> histories.put(jurisdiction.code(), jurisdictions.historyOf(jurisdiction.code())));
		model.addAttribute("jurisdictions", all);
		model.addAttribute("histories", histories);
		model.addAttribute("statuses", EquivalenceStatus.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		return "admin/jurisdictions";
	}

	private Map<String, String> errors(InvalidInput ex) {
		return explanations.of(ex.problems());
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
