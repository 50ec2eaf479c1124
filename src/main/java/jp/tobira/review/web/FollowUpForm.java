package jp.tobira.review.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.tobira.review.FollowUpDate;
import jp.tobira.review.NotYourTask;
import jp.tobira.review.ReviewTasks;
import jp.tobira.review.TaskConflict;
import jp.tobira.review.TaskNotFound;
import jp.tobira.security.TobiraUser;
import jp.tobira.validation.InvalidInput;
import jp.tobira.web.Explanations;

/**
 * The task screen's follow-up form: set a date (today or later) on a task one holds, or
 * clear it; back to the task with what came of it.
 */
@Controller
@PreAuthorize("hasAnyRole('INTAKE', 'BACKING_REVIEW', 'COOPERATION', 'DECISION', 'SUPERVISION', 'ADMIN')")
class FollowUpForm {

	private final ReviewTasks tasks;

	private final Explanations explanations;

	FollowUpForm(ReviewTasks tasks, Explanations explanations) {
		this.tasks = tasks;
		this.explanations = explanations;
	}

	@PostMapping("/tasks/{id}/follow-up")
	String set(@AuthenticationPrincipal TobiraUser user, @PathVariable String id,
			@RequestParam(required = false) String date, @RequestParam(required = false) String clear,
			RedirectAttributes redirect) {
		try {
			if (clear != null) {
				tasks.setFollowUp(user.actor(), id, null);
				redirect.addFlashAttribute("message", "followUp.cleared");
			}
			else {
				tasks.setFollowUp(user.actor(), id, FollowUpDate.parse(date));
				redirect.addFlashAttribute("message", "followUp.set");
			}
		}
		catch (InvalidInput ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
			redirect.addFlashAttribute("followUpError", explanations.of(ex.problems()).get("date"));
			redirect.addFlashAttribute("followUpTyped", date);
		}
		catch (TaskConflict | NotYourTask | TaskNotFound ex) {
			redirect.addFlashAttribute("error", explanations.of(ex));
		}
		return "redirect:/tasks/" + id;
	}

}
