package jp.tobira.process;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.review.CaseFlags;
import jp.tobira.review.Findings;
import jp.tobira.security.Actor;
import jp.tobira.validation.InvalidInput;

/**
 * {@code reviewBacking}: {@code {"outcome": "SATISFACTORY"}}, {@code {"outcome": "CONCERNS", "findings": "…"}} or
 * {@code {"outcome": "RFI", "missing": [...], "message": "…"}}. Finding the backing satisfactory despite a backing
 * flag overrules it, which needs a written reason per flag ({@code "overrules": {"STALE_AUDIT": "…"}}); the
 * jurisdiction's flags are not the backing reviewer's to overrule.
 */
@Component
class BackingReview implements TaskCompletion {

	static final Set<String> OUTCOMES = Set.of("SATISFACTORY", "CONCERNS", "RFI");

	private static final Set<String> NOT_FOR_BACKING = Set.of("NOT_EQUIVALENT", "UNDER_ASSESSMENT");

	record Form(String outcome, String findings, Map<String, String> overrules, Map<String, Object> checklist,
			List<String> missing, String message) {
	}

	private final TaskForms forms;

	private final Findings findings;

	private final CaseFlags flags;

	private final RequestsForInformation rfis;

	BackingReview(TaskForms forms, Findings findings, CaseFlags flags, RequestsForInformation rfis) {
		this.forms = forms;
		this.findings = findings;
		this.flags = flags;
		this.rfis = rfis;
	}

	@Override
	public String taskKey() {
		return ApplicationProcess.Tasks.REVIEW_BACKING;
	}

	@Override
	public Map<String, Object> complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		if (form.outcome() == null || !OUTCOMES.contains(form.outcome())) {
			throw InvalidInput.of("outcome", "problem.oneOf", new java.util.TreeSet<>(OUTCOMES).toString());
		}
		Map<String, String> overrules = form.overrules() == null ? Map.of() : form.overrules();
		flags.overrule(application.id(), overrules, actor.username());
		switch (form.outcome()) {
			case "CONCERNS" -> {
				if (form.findings() == null || form.findings().isBlank()) {
					throw InvalidInput.of("findings", "problem.findingsRequired");
				}
			}
			case "SATISFACTORY" -> {
				List<String> standing = flags.of(application.id())
					.stream()
					.filter(flag -> !flag.overruled() && !NOT_FOR_BACKING.contains(flag.flag()))
					.map(CaseFlags.RaisedFlag::flag)
					.toList();
				if (!standing.isEmpty()) {
					throw InvalidInput.of("overrules", "problem.flagsStand", standing.toString());
				}
			}
			default -> rfis.raise(application.id(), taskKey(), form.missing(), form.message(), actor.username());
		}
		findings.record(application.id(), taskKey(), form.outcome(),
				"RFI".equals(form.outcome()) ? form.message() : form.findings(),
				Map.of("overrules", overrules, "checklist", form.checklist() == null ? Map.of() : form.checklist()),
				actor.username());
		return Map.of(ApplicationProcess.Variables.BACKING_OUTCOME, form.outcome());
	}
}
