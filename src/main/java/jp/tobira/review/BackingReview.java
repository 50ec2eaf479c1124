package jp.tobira.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.application.DocumentType;
import jp.tobira.application.RequestsForInformation;
import jp.tobira.checks.AutomaticChecks;
import jp.tobira.checks.CaseFlags;
import jp.tobira.checks.Flag;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;
import jp.tobira.validation.InvalidInput;
import jp.tobira.validation.Phrase;

/**
 * {@code reviewBacking}: {@code {"outcome": "SATISFACTORY"}}, {@code {"outcome":
 * "CONCERNS", "findings": "…"}} or {@code {"outcome": "RFI", "missing": [...], "message":
 * "…"}}. Finding the backing satisfactory despite a backing flag overrules it, which
 * needs a written reason per flag ({@code "overrules": {"STALE_AUDIT": "…"}}); the
 * jurisdiction's flags are not the backing reviewer's to overrule.
 */
@Component
public class BackingReview extends TaskDefinition {

	public static final String KEY = "reviewBacking";

	record Form(String outcome, String findings, Map<String, String> overrules,
			Map<String, Map<String, String>> checklist, List<String> missing, String message) {
	}

	private final TaskForms forms;

	private final Findings findings;

	private final CaseFlags flags;

	private final RequestsForInformation rfis;

	BackingReview(TaskForms forms, Findings findings, CaseFlags flags, RequestsForInformation rfis) {
		super(KEY, Group.BACKING_REVIEW, 40, Form.class, List.of("SATISFACTORY", "CONCERNS", "RFI"),
				Set.of(Flag.NOT_EQUIVALENT, Flag.UNDER_ASSESSMENT));
		this.forms = forms;
		this.findings = findings;
		this.flags = flags;
		this.rfis = rfis;
	}

	/**
	 * What a request for information may ask for: a new version of any document but
	 * "other".
	 */
	@Override
	public Map<String, Object> formModel() {
		List<Checklist.Item> items = AutomaticChecks.CHECKS.stream()
			.map(check -> new Checklist.Item(check, Phrase.of("check." + check)))
			.toList();
		return Map.of("checklist", new Checklist(items, List.of("ACCEPTABLE", "CONCERN")), "requestableDocuments",
				java.util.Arrays.stream(DocumentType.values()).filter(type -> type != DocumentType.OTHER).toList());
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		if (form.outcome() == null || !outcomes().contains(form.outcome())) {
			throw InvalidInput.of("outcome", "problem.oneOf", outcomes().toString());
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
					.filter(flag -> !flag.overruled() && notOverrulable().stream().noneMatch(flag::is))
					.map(CaseFlags.RaisedFlag::flag)
					.toList();
				if (!standing.isEmpty()) {
					throw InvalidInput.of("overrules", "problem.flagsStand", standing.toString());
				}
			}
			default -> rfis.raise(application.id(), KEY, form.missing(), form.message(), actor.username());
		}
		findings.record(application.id(), KEY, form.outcome(),
				"RFI".equals(form.outcome()) ? form.message() : form.findings(),
				Map.of("overrules", overrules, "checklist", form.checklist() == null ? Map.of() : form.checklist()),
				actor.username());
		return form.outcome();
	}

}
