package jp.tobira.rulebook.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.AssetClass;
import jp.tobira.rulebook.Criterion;
import jp.tobira.rulebook.CriterionSetting;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookDraft;
import jp.tobira.rulebook.RulebookFourEyes;
import jp.tobira.rulebook.RulebookVersion;
import jp.tobira.rulebook.RulebookVersionConflict;
import jp.tobira.rulebook.Threshold;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Refusal;
import jp.tobira.web.Explanations;

/**
 * The admin's rulebook screens (issue 10): the version in force and every version with
 * where it stands; a new version drafted on a form prefilled from the one in force; a
 * draft put into force by a second admin; and any two versions compared item by item.
 *
 * The draft form's fields are named by the paths the rulebook names its problems by
 * ({@code effectiveFrom}, {@code criteria.CODE.enabled},
 * {@code criteria.CODE.thresholds.name}), so each refusal lands next to its field.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class RulebookPages {

	private final Rulebook rulebook;

	private final Clock clock;

	private final Explanations explanations;

	RulebookPages(Rulebook rulebook, Clock clock, Explanations explanations) {
		this.rulebook = rulebook;
		this.clock = clock;
		this.explanations = explanations;
	}

	@GetMapping("/admin/rulebook")
	String rulebook(Model model) {
		List<RulebookVersion> versions = rulebook.versions();
		Map<Integer, RulebookVersion.Status> statuses = rulebook.statusesOf(versions);
		RulebookVersion inForce = rulebook.inForce();
		model.addAttribute("inForce", inForce);
		model.addAttribute("versions", versions);
		model.addAttribute("statuses", statuses);
		// the usual question: what would the newest version change against the one in
		// force
		model.addAttribute("compareFrom", inForce.version());
		model.addAttribute("compareTo", versions.isEmpty() ? inForce.version() : versions.get(0).version());
		return "admin/rulebook";
	}

	@GetMapping("/admin/rulebook/versions/{number}")
	String version(@AuthenticationPrincipal TobiraUser user, @PathVariable int number, Model model) {
		return versionPage(user, rulebook.version(number), model);
	}

	/**
	 * A refusal to put a version into force (the drafter approving their own, a version
	 * approved a moment ago, a day passed) comes back on the version's page with the
	 * status the API gives it and the rule it breaks.
	 */
	@PostMapping("/admin/rulebook/versions/{number}/approve")
	String approve(@AuthenticationPrincipal TobiraUser user, @PathVariable int number, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		try {
			RulebookVersion approved = rulebook.approve(user.getUsername(), number);
			redirect.addFlashAttribute("approved", approved.version());
			return "redirect:/admin/rulebook/versions/" + number;
		}
		catch (RulebookFourEyes | RulebookVersionConflict ex) {
			response.setStatus(status(ex).value());
			model.addAttribute("error", explanations.of(ex));
			return versionPage(user, rulebook.version(number), model);
		}
	}

	@GetMapping("/admin/rulebook/new")
	String newVersion(Model model) {
		RulebookVersion inForce = rulebook.inForce();
		Map<String, Object> form = new LinkedHashMap<>();
		// tomorrow: a version drafted today still needs a second admin before it applies
		form.put("effectiveFrom", LocalDate.now(clock).plusDays(1).toString());
		form.put("note", "");
		for (CriterionSetting setting : inForce.criteria()) {
			form.put(enabledField(setting.criterion()), setting.enabled());
			for (Threshold threshold : setting.criterion().thresholds()) {
				form.put(thresholdField(setting.criterion(), threshold), typed(threshold, setting));
			}
		}
		return draftPage(model, inForce, form, Map.of());
	}

	/**
	 * The whole form as a draft: every criterion as the form shows it (an unchecked box
	 * is a criterion switched off; a gate is always on). Refused, the same form comes
	 * back with 400, what was typed and each problem beside its field; nothing is stored.
	 */
	@PostMapping("/admin/rulebook/versions")
	String draft(@AuthenticationPrincipal TobiraUser user, @RequestParam MultiValueMap<String, String> params,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		Map<String, Object> form = new LinkedHashMap<>();
		String effectiveFrom = first(params, "effectiveFrom");
		String note = first(params, "note");
		form.put("effectiveFrom", effectiveFrom);
		form.put("note", note);
		List<FieldProblem> unread = new ArrayList<>();
		LocalDate day = null;
		if (!effectiveFrom.isBlank()) {
			try {
				day = LocalDate.parse(effectiveFrom.strip());
			}
			catch (DateTimeParseException ex) {
				unread.add(FieldProblem.of("effectiveFrom", "problem.rulebook.date"));
			}
		}
		List<RulebookDraft.Change> changes = new ArrayList<>();
		for (Criterion criterion : Criterion.values()) {
			boolean enabled = criterion.gate() || params.containsKey(enabledField(criterion));
			form.put(enabledField(criterion), enabled);
			Map<String, Object> thresholds = new LinkedHashMap<>();
			for (Threshold threshold : criterion.thresholds()) {
				String field = thresholdField(criterion, threshold);
				if (threshold.type() == Threshold.Type.ASSET_CLASSES) {
					List<String> checked = params.getOrDefault(field, List.of());
					thresholds.put(threshold.name(), checked);
					form.put(field, checked);
				}
				else {
					String text = first(params, field);
					thresholds.put(threshold.name(), text);
					form.put(field, text);
				}
			}
			changes.add(new RulebookDraft.Change(criterion.name(), null, enabled, thresholds));
		}
		try {
			if (!unread.isEmpty()) {
				// an unreadable date stores nothing; the rulebook still says what else is
				// wrong
				rulebook.draft(user.getUsername(), new RulebookDraft(null, note, changes));
			}
			RulebookVersion drafted = rulebook.draft(user.getUsername(), new RulebookDraft(day, note, changes));
			redirect.addFlashAttribute("drafted", drafted.version());
			return "redirect:/admin/rulebook/versions/" + drafted.version();
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			List<FieldProblem> problems = new ArrayList<>(unread);
			problems.addAll(ex.problems());
			return draftPage(model, rulebook.inForce(), form, explanations.of(problems));
		}
	}

	/**
	 * Unknown versions answer with the 404 page ({@code RulebookVersionNotFound}); a
	 * number that is not one, with 400.
	 */
	@GetMapping("/admin/rulebook/compare")
	String compare(@RequestParam int from, @RequestParam int to, Model model) {
		model.addAttribute("from", rulebook.version(from));
		model.addAttribute("to", rulebook.version(to));
		model.addAttribute("differences", rulebook.compare(from, to));
		model.addAttribute("types", thresholdTypes());
		return "admin/rulebook-compare";
	}

	private String versionPage(TobiraUser user, RulebookVersion version, Model model) {
		String admin = user.getUsername();
		model.addAttribute("version", version);
		model.addAttribute("status", rulebook.statusOf(version));
		boolean approvable = rulebook.approvableBy(version, admin);
		model.addAttribute("approvable", approvable);
		model.addAttribute("notApprovable", approvable ? null : whyNot(version, admin));
		model.addAttribute("inForce", rulebook.inForce().version());
		return "admin/rulebook-version";
	}

	/**
	 * Why the admin sees no button: the key of a sentence, in the order the rulebook
	 * refuses.
	 */
	private String whyNot(RulebookVersion version, String admin) {
		if (version.approved()) {
			return "rulebook.notApprovable.approved";
		}
		if (version.draftedBy().equals(admin)) {
			return "rulebook.notApprovable.ownDraft";
		}
		return "rulebook.notApprovable.dayPassed";
	}

	private String draftPage(Model model, RulebookVersion inForce, Map<String, Object> form,
			Map<String, String> errors) {
		model.addAttribute("inForce", inForce);
		model.addAttribute("criteria", Criterion.values());
		model.addAttribute("assetClasses", AssetClass.values());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		return "admin/rulebook-new";
	}

	/** A threshold's value as its field shows it: a list of names one per line. */
	private static Object typed(Threshold threshold, CriterionSetting setting) {
		Object value = setting.thresholds().get(threshold.name());
		if (value == null) {
			// a criterion the version in force predates has no value yet
			return threshold.type() == Threshold.Type.ASSET_CLASSES ? List.of() : "";
		}
		return switch (threshold.type()) {
			case ASSET_CLASSES -> setting.names(threshold.name());
			case NAMES -> String.join("\n", setting.names(threshold.name()));
			default -> value.toString();
		};
	}

	/** Each threshold's type by {@code CODE.name}, to show a difference's values. */
	private static Map<String, Threshold.Type> thresholdTypes() {
		Map<String, Threshold.Type> types = new LinkedHashMap<>();
		for (Criterion criterion : Criterion.values()) {
			criterion.thresholds().forEach(t -> types.put(criterion.name() + "." + t.name(), t.type()));
		}
		return types;
	}

	static String enabledField(Criterion criterion) {
		return "criteria." + criterion.name() + ".enabled";
	}

	static String thresholdField(Criterion criterion, Threshold threshold) {
		return "criteria." + criterion.name() + ".thresholds." + threshold.name();
	}

	private static String first(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		return value == null ? "" : value;
	}

	private static HttpStatus status(Refusal refusal) {
		return switch (refusal.kind()) {
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
			case CONFLICT -> HttpStatus.CONFLICT;
		};
	}

}
