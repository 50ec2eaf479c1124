package jp.tobira.review;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import jp.tobira.application.Application;
import jp.tobira.security.Actor;
import jp.tobira.security.Group;

/**
 * {@code followUpMissingReport}: {@code {"note": "…"}}, what the supervisor did about a
 * month's reserve report still missing after its grace period (whom they called, what was
 * promised). Recorded as a finding; the month's watch has moved on.
 */
@Component
public class FollowUpMissingReport extends TaskDefinition {

	public static final String KEY = "followUpMissingReport";

	record Form(String note) {
	}

	private final TaskForms forms;

	private final Findings findings;

	FollowUpMissingReport(TaskForms forms, Findings findings) {
		super(KEY, Group.SUPERVISION, SupervisionTasks.FOLLOW_UP_BUSINESS_DAYS, Form.class, List.of(), Set.of());
		this.forms = forms;
		this.findings = findings;
	}

	@Override
	public Object complete(Actor actor, Application application, JsonNode json) {
		Form form = forms.read(json, Form.class);
		String note = SupervisionTasks.required("note", form.note());
		findings.record(application.id(), KEY, "FOLLOWED_UP", note, Map.of(), actor.username());
		return null;
	}

	@Override
	public boolean afterRecognition() {
		return true;
	}

}
