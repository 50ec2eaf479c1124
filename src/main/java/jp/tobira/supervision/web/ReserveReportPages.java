package jp.tobira.supervision.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
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
import jp.tobira.application.ApplicationId;
import jp.tobira.application.DocumentService;
import jp.tobira.application.web.ContentForm;
import jp.tobira.application.web.ContentForm.Field;
import jp.tobira.security.TobiraUser;
import jp.tobira.supervision.ReportingSchedule;
import jp.tobira.supervision.ReserveReport;
import jp.tobira.supervision.ReserveReportFiling;
import jp.tobira.supervision.ReserveReports;
import jp.tobira.validation.FieldProblem;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Refusal;
import jp.tobira.web.Explanations;

/**
 * The issuer's form for a month's reserve report: the figures the API takes, each field
 * named by its path in the API's JSON ({@code redemptions.count}), bound the way the
 * application form binds its fields and reserve rows ({@link ContentForm}), and filed
 * through the service the API calls ({@link ReserveReports#file}), so the same rules
 * refuse the same input. A refused report comes back with each message beside its field,
 * what was typed still there, and nothing stored; a filed one leads to the case page with
 * its checks. Another issuer's case is not found; staff are refused.
 */
@Controller
@PreAuthorize("hasRole('ISSUER')")
class ReserveReportPages {

	/**
	 * The month reported on; the filing is as of its last day ({@code asOf}), so a
	 * refusal of {@code asOf} is shown beside it.
	 */
	static final Field PERIOD = new Field("period", "field.period", "month", List.of());

	static final List<Field> FIGURES = List.of(PERIOD,
			new Field("outstandingSupply", "field.outstandingSupply", "decimal", List.of()),
			ContentForm.RESERVES_AS_OF);

	static final Field ATTESTATION_DATE = new Field("attestationDate", "field.attestationDate", "date", List.of());

	static final List<Field> REDEMPTIONS = List.of(
			new Field("redemptions.count", "field.redemptions.count", "number", List.of()),
			new Field("redemptions.amount", "field.redemptions.amount", "decimal", List.of()),
			new Field("redemptions.longestBusinessDays", "field.redemptions.longestBusinessDays", "number", List.of()));

	/** The request's parameters that are not the report's fields. */
	static final Set<String> NOT_FIELDS = Set.of("_csrf", "action", PERIOD.path());

	private final ReserveReports reports;

	private final ReportingSchedule schedule;

	private final ContentForm form;

	private final Explanations explanations;

	private final Clock clock;

	ReserveReportPages(ReserveReports reports, ReportingSchedule schedule, ContentForm form, Explanations explanations,
			Clock clock) {
		this.clock = clock;
		this.reports = reports;
		this.schedule = schedule;
		this.form = form;
		this.explanations = explanations;
	}

	@GetMapping("/cases/{id}/reserve-reports/new")
	String blank(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id, Model model) {
		ApplicationId caseId = new ApplicationId(id);
		Application application = reports.openForFiling(user.actor(), caseId);
		// the month the issuer most likely reports on: the oldest one overdue, else the
		// one due next once it is over
		String period = schedule.owedBy(caseId)
			.map(owed -> owed.isOverdue() ? owed.overdue().get(0).period()
					: owed.next().period().atEndOfMonth().isBefore(LocalDate.now(clock)) ? owed.next().period() : null)
			.map(YearMonth::toString)
			.orElse("");
		return render(model, application, form.tree(Map.of()), period, Map.of(), 0);
	}

	/**
	 * Files the report; the CSRF token rides in the address too, as on the case page's
	 * answer with a file: an upload over the container's limit is refused before the body
	 * is read.
	 */
	@PostMapping("/cases/{id}/reserve-reports")
	String file(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestParam Map<String, String> parameters, @RequestParam(defaultValue = "file") String action,
			@RequestParam(value = "file", required = false) MultipartFile file, Model model,
			HttpServletResponse response, RedirectAttributes redirect) throws IOException {
		ApplicationId caseId = new ApplicationId(id);
		Application application = reports.openForFiling(user.actor(), caseId);
		Map<String, String> fields = new LinkedHashMap<>(parameters);
		String period = fields.getOrDefault(PERIOD.path(), "").strip();
		fields.keySet().removeAll(NOT_FIELDS);
		ContentForm.removeRow(fields, ContentForm.RESERVE_ASSET_ROWS, action);
		ObjectNode tree = form.tree(fields);
		if (action.equals("add") || action.startsWith("remove-")) {
			return render(model, application, tree, period, Map.of(), action.equals("add") ? 1 : 0);
		}
		try {
			ReserveReportFiling filing = read(tree, period);
			ReserveReport filed = reports.file(user.actor(), caseId, filing, file == null
					? new DocumentService.Upload(new byte[0], null, null)
					: new DocumentService.Upload(file.getBytes(), file.getOriginalFilename(), file.getContentType()));
			redirect.addFlashAttribute("message", "reserveReport.filed");
			redirect.addFlashAttribute("filedReport", filed.id().toString());
			return "redirect:/cases/" + id + "#reserve-reports";
		}
		catch (InvalidInput ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return render(model, application, tree, period, errors(ex.problems()), 0);
		}
		catch (Refusal ex) {
			// the token no longer under supervision, the case's quota of documents or the
			// organisation's uploads used up: said at the top and beside the file, the
			// figures kept
			if (ex.kind() == Refusal.Kind.NOT_FOUND || ex.kind() == Refusal.Kind.FORBIDDEN) {
				throw ex;
			}
			response.setStatus(switch (ex.kind()) {
				case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS.value();
				case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY.value();
				default -> HttpStatus.CONFLICT.value();
			});
			ex.retryAfter()
				.ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER,
						String.valueOf(Math.max(1, wait.plusMillis(999).toSeconds()))));
			model.addAttribute("error", explanations.of(ex));
			return render(model, application, tree, period, errors(ex.fields()), 0);
		}
	}

	/**
	 * The form's fields as the API's JSON part: the month as its last day, a value of the
	 * wrong form refused naming its field, as the API's reading of its JSON refuses it.
	 */
	private ReserveReportFiling read(ObjectNode tree, String period) {
		if (!period.isEmpty()) {
			try {
				tree.put("asOf", YearMonth.parse(period).atEndOfMonth().toString());
			}
			catch (DateTimeParseException ex) {
				throw InvalidInput.of(PERIOD.path(), "problem.wrongForm");
			}
		}
		return form.read(tree, ReserveReportFiling.class);
	}

	/** Each field's first problem; the filing's {@code asOf} is the form's month. */
	private Map<String, String> errors(List<FieldProblem> problems) {
		Map<String, String> errors = new LinkedHashMap<>();
		explanations.of(problems)
			.forEach((field, message) -> errors.putIfAbsent(field.equals("asOf") ? PERIOD.path() : field, message));
		return errors;
	}

	private String render(Model model, Application application, JsonNode tree, String period,
			Map<String, String> errors, int extraRows) {
		List<Integer> rowIndexes = ContentForm.rowIndexes(tree, ContentForm.RESERVE_ASSET_ROWS, extraRows);
		List<Field> all = new java.util.ArrayList<>(FIGURES);
		all.add(ATTESTATION_DATE);
		all.addAll(REDEMPTIONS);
		Map<String, String> values = new LinkedHashMap<>(ContentForm.values(tree, all, ContentForm.RESERVE_ASSET_ROWS));
		values.put(PERIOD.path(), period);
		Set<String> shown = new HashSet<>(values.keySet());
		shown.add("file");
		shown.add("redemptions");
		shown.add(ContentForm.RESERVE_ASSET_ROWS.path());
		rowIndexes.forEach(i -> ContentForm.RESERVE_ASSET_ROWS.columns()
			.forEach(column -> shown.add(ContentForm.rowPath(ContentForm.RESERVE_ASSET_ROWS, i, column))));
		// errors no field shows (such as one of the redemptions as a whole): listed at
		// the top, so none goes unseen
		Map<String, String> unplaced = new LinkedHashMap<>(errors);
		unplaced.keySet().removeAll(shown);
		model.addAttribute("theCase", application);
		model.addAttribute("figures", FIGURES);
		model.addAttribute("attestationDate", ATTESTATION_DATE);
		model.addAttribute("redemptions", REDEMPTIONS);
		model.addAttribute("rows", ContentForm.RESERVE_ASSET_ROWS);
		model.addAttribute("rowIndexes", rowIndexes);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("unplacedErrors", unplaced);
		return "supervision/report";
	}

}
