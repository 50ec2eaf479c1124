package jp.tobira.application.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.application.ApplicationId;
import jp.tobira.application.CaseNote;
import jp.tobira.application.CaseNotes;
import jp.tobira.security.TobiraUser;

/**
 * A case's internal notes in the JSON API, for the supervisor's staff. The door admits
 * anyone signed in, as for the case itself, so that an issuer is answered 404 exactly as
 * for another issuer's case (by {@link CaseNotes}), not 403, which would say there is
 * something to hide.
 */
@RestController
@RequestMapping("/api/v1/applications/{id}/notes")
@Tag(name = "Notes", description = "Internal notes of the supervisor's staff on a case")
class CaseNotesController {

	private final CaseNotes notes;

	CaseNotesController(CaseNotes notes) {
		this.notes = notes;
	}

	record NewNote(String text) {
	}

	@GetMapping
	@Operation(summary = "The case's internal notes, newest first (staff; 404 for an issuer)")
	List<CaseNote> list(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		return notes.of(user.actor(), new ApplicationId(id));
	}

	@PostMapping
	@Operation(summary = "Write an internal note on the case (staff; 404 for an issuer); 400 naming text when empty, "
			+ "too long or holding control characters")
	ResponseEntity<CaseNote> add(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestBody(required = false) NewNote body) {
		CaseNote note = notes.add(user.actor(), new ApplicationId(id), body == null ? null : body.text(), null);
		return ResponseEntity.status(HttpStatus.CREATED).body(note);
	}

}
