package jp.tobira.application.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.Holiday;
import jp.tobira.application.Holidays;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/** The admin's holiday calendar, which the statutory clock counts business days by. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class HolidayPages {

	private final Holidays holidays;

	private final Clock clock;

	private final Explanations explanations;

	HolidayPages(Holidays holidays, Clock clock, Explanations explanations) {
		this.holidays = holidays;
		this.clock = clock;
		this.explanations = explanations;
	}

	@GetMapping("/admin/holidays")
	String holidays(Model model) {
		return holidaysPage(model, Map.of(), Map.of());
	}

	@PostMapping("/admin/holidays")
	String addHoliday(@AuthenticationPrincipal TobiraUser user,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
			@RequestParam String nameEn, @RequestParam String nameJa, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			holidays.add(user.getUsername(), new Holiday(day, nameEn, nameJa));
			redirect.addFlashAttribute("message", "admin.saved");
			return "redirect:/admin/holidays";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return holidaysPage(model, errors(ex),
					Map.of("day", day == null ? "" : day.toString(), "nameEn", nameEn, "nameJa", nameJa));
		}
	}

	private String holidaysPage(Model model, Map<String, String> errors, Map<String, String> typed) {
		model.addAttribute("holidays", holidays.all());
		model.addAttribute("holidayWarning", holidays.coverageWarning(LocalDate.now(clock)));
		model.addAttribute("coveredUntil", holidays.calendar().coveredUntil());
		model.addAttribute("errors", errors);
		model.addAttribute("form", typed);
		return "admin/holidays";
	}

	private Map<String, String> errors(InvalidInput ex) {
		return explanations.of(ex.problems());
	}

	@PostMapping("/admin/holidays/remove")
	String removeHoliday(@AuthenticationPrincipal TobiraUser user,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, RedirectAttributes redirect) {
		try {
			holidays.remove(user.getUsername(), day);
			redirect.addFlashAttribute("message", "admin.saved");
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/admin/holidays";
	}

}
