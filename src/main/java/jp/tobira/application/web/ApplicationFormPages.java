package jp.tobira.application.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.application.Application;
import jp.tobira.application.ApplicationContent;
import jp.tobira.application.ApplicationId;
import jp.tobira.application.ApplicationIncomplete;
import jp.tobira.application.ApplicationService;
import jp.tobira.application.ApplicationStateConflict;
import jp.tobira.application.AuditOpinion;
import jp.tobira.application.DocumentQuotaExceeded;
import jp.tobira.application.DocumentService;
import jp.tobira.application.DocumentType;
import jp.tobira.application.DuplicateDocument;
import jp.tobira.application.UploadRateExceeded;
import jp.tobira.application.web.ContentForm.Field;
import jp.tobira.application.web.ContentForm.Rows;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/**
 * The issuer's application as a form in steps, one per part of ARCHITECTURE.md §3, saved
 * as a draft after each step; then the documents, then a summary to submit. Everything
 * goes through the same services and validation as the API; a refused step comes back
 * with each error next to its field and what was typed still there.
 */
@Controller
@PreAuthorize("hasRole('ISSUER')")
class ApplicationFormPages {

	record Step(String name, List<Field> fields, Rows rows) {
	}

	static final List<String> YES_NO = List.of("true", "false");

	static final List<Step> STEPS = List.of(
			new Step("issuer",
					List.of(Field.text("issuer.legalName"), Field.text("issuer.registrationNumber"),
							Field.text("issuer.jurisdiction"), Field.text("issuer.homeRegulator"),
							Field.text("issuer.licenceReference"), Field.of("issuer.address", "textarea"),
							Field.of("issuer.contactEmail", "email")),
					null),
			new Step("token",
					List.of(Field.text("token.name"), Field.text("token.symbol"), Field.text("token.peggedCurrency"),
							Field.of("token.outstandingSupply", "decimal"), Field.of("token.supplyAsOf", "date")),
					new Rows("token.chains", List.of(Field.text("chain"), Field.text("contractAddress")))),
			new Step("trust",
					List.of(Field.text("trust.trustee"), Field.choice("trust.segregated", YES_NO),
							Field.choice("trust.bankruptcyRemote", YES_NO), Field.text("trust.governingLaw")),
					new Rows("trust.custodians", List.of(Field.text("")))),
			new Step("reserves", List.of(ContentForm.RESERVES_AS_OF), ContentForm.RESERVE_ASSET_ROWS),
			new Step("audit",
					List.of(Field.text("audit.auditor"), Field.of("audit.lastAuditDate", "date"),
							Field.of("audit.lastAttestationDate", "date"),
							Field.choice("audit.opinion",
									Arrays.stream(AuditOpinion.values()).map(Enum::name).toList())),
					null),
			new Step("redemption",
					List.of(Field.choice("redemption.atPar", YES_NO), Field.of("redemption.maxBusinessDays", "number"),
							Field.of("redemption.feePercent", "decimal")),
					null),
			new Step("intermediary",
					List.of(Field.text("intermediary.name"), Field.text("intermediary.registrationNumber")), null));

	private final ApplicationService applications;

	private final DocumentService documents;

	private final ContentForm form;

	private final Explanations explanations;

	ApplicationFormPages(ApplicationService applications, DocumentService documents, ContentForm form,
			Explanations explanations) {
		this.explanations = explanations;
		this.applications = applications;
		this.documents = documents;
		this.form = form;
	}

	@GetMapping("/applications/new")
	String start(Model model) {
		return render(model, null, STEPS.get(0), form.tree(ApplicationContent.empty()), Map.of(), 0);
	}

	@PostMapping("/applications/new")
	String create(@AuthenticationPrincipal TobiraUser user, @RequestParam Map<String, String> fields, Model model,
			HttpServletResponse response) {
		ObjectNode tree = form.merge(ApplicationContent.empty(), "issuer", fields);
		try {
			Application draft = applications.create(user.actor(), form.read(tree));
			return "redirect:/applications/" + draft.id() + "/edit/" + STEPS.get(1).name();
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return render(model, null, STEPS.get(0), tree, errors(ex), 0);
		}
	}

	@GetMapping("/applications/{id}/edit/{step}")
	String edit(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, @PathVariable String step,
			@RequestParam(name = "incomplete", required = false) String incompleteFlag, Model model) {
		boolean incomplete = incompleteFlag != null;
		Application draft = applications.get(user.actor(), new ApplicationId(id));
		if (!draft.isDraft()) {
			return "redirect:/cases/" + id;
		}
		if (step.equals("documents")) {
			return documentsStep(user, draft, model);
		}
		if (step.equals("summary")) {
			// after a refused submission (?incomplete) the summary says what is missing,
			// on every reload too
			return summary(user, draft, model,
					incomplete ? applications.missingForSubmission(user.actor(), draft.id()) : List.of());
		}
		return render(model, draft, step(step), form.tree(draft.content()), Map.of(), 0);
	}

	@PostMapping("/applications/{id}/edit/{step}")
	String save(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, @PathVariable String step,
			@RequestParam Map<String, String> fields, @RequestParam(defaultValue = "save") String action, Model model,
			HttpServletResponse response) {
		Application draft = applications.get(user.actor(), new ApplicationId(id));
		Step current = step(step);
		String section = current.name();
		if (current.rows() != null) {
			ContentForm.removeRow(fields, current.rows(), action);
		}
		ObjectNode tree = form.merge(draft.content(), section, fields);
		if (action.equals("add") || action.startsWith("remove-")) {
			return render(model, draft, current, tree, Map.of(), action.equals("add") ? 1 : 0);
		}
		try {
			applications.revise(user.actor(), draft.id(), form.read(tree));
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return render(model, draft, current, tree, errors(ex), 0);
		}
		int next = STEPS.indexOf(current) + 1;
		return "redirect:/applications/" + id + "/edit/" + (next < STEPS.size() ? STEPS.get(next).name() : "documents");
	}

	@PostMapping("/applications/{id}/documents")
	String upload(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, @RequestParam DocumentType type,
			@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
		try {
			documents.upload(user.actor(), new ApplicationId(id), type,
					new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType()));
			redirect.addFlashAttribute("message", "form.documents.stored");
		}
		catch (InvalidInput | DuplicateDocument | DocumentQuotaExceeded | UploadRateExceeded
				| ApplicationStateConflict ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("errorType", type.name());
		}
		return "redirect:/applications/" + id + "/edit/documents";
	}

	/**
	 * A refused submission goes back to the summary by a redirect (post, redirect, get),
	 * so the summary showing what is missing has an address that can be reloaded or
	 * switched to the other language.
	 */
	@PostMapping("/applications/{id}/submit")
	String submit(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, RedirectAttributes redirect) {
		try {
			applications.submit(user.actor(), new ApplicationId(id));
			redirect.addFlashAttribute("message", "form.submitted");
			return "redirect:/cases/" + id;
		}
		catch (ApplicationIncomplete ex) {
			return "redirect:/applications/" + id + "/edit/summary?incomplete";
		}
	}

	private String documentsStep(TobiraUser user, Application draft, Model model) {
		model.addAttribute("theCase", draft);
		model.addAttribute("steps", STEPS);
		model.addAttribute("step", "documents");
		model.addAttribute("documents", documents.list(user.actor(), draft.id()));
		model.addAttribute("documentTypes", DocumentType.values());
		return "applications/documents";
	}

	private String summary(TobiraUser user, Application draft, Model model, List<FieldProblem> missing) {
		model.addAttribute("theCase", draft);
		model.addAttribute("steps", STEPS);
		model.addAttribute("step", "summary");
		ObjectNode tree = form.tree(draft.content());
		Map<String, String> values = new LinkedHashMap<>();
		STEPS.forEach(step -> values.putAll(values(step, tree)));
		model.addAttribute("values", values);
		model.addAttribute("documents", documents.list(user.actor(), draft.id()));
		model.addAttribute("missing", missing);
		return "applications/summary";
	}

	private String render(Model model, Application draft, Step step, JsonNode tree, Map<String, String> errors,
			int extraRows) {
		model.addAttribute("theCase", draft);
		model.addAttribute("steps", STEPS);
		model.addAttribute("step", step.name());
		model.addAttribute("current", step);
		model.addAttribute("values", values(step, tree));
		model.addAttribute("errors", errors);
		java.util.Set<String> shown = new java.util.HashSet<>();
		step.fields().forEach(field -> shown.add(field.path()));
		if (step.rows() != null) {
			List<Integer> rowIndexes = ContentForm.rowIndexes(tree, step.rows(), extraRows);
			model.addAttribute("rowIndexes", rowIndexes);
			shown.add(step.rows().path());
			rowIndexes.forEach(i -> step.rows()
				.columns()
				.forEach(column -> shown.add(ContentForm.rowPath(step.rows(), i, column))));
		}
		// errors no field of this step shows (such as "form"): listed at the top, so none
		// goes unseen
		Map<String, String> unplaced = new LinkedHashMap<>(errors);
		unplaced.keySet().removeAll(shown);
		model.addAttribute("unplacedErrors", unplaced);
		model.addAttribute("action",
				draft == null ? "/applications/new" : "/applications/" + draft.id() + "/edit/" + step.name());
		return "applications/edit";
	}

	/** Every field's text as the form shows it, rows included. */
	private static Map<String, String> values(Step step, JsonNode tree) {
		return ContentForm.values(tree, step.fields(), step.rows());
	}

	private static Step step(String name) {
		return STEPS.stream()
			.filter(s -> s.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new jp.tobira.application.ApplicationNotFound("step " + name));
	}

	private Map<String, String> errors(InvalidInput ex) {
		return explanations.of(ex.problems());
	}

}
