package jp.tobira.review.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.review.Delegation;
import jp.tobira.review.Delegations;
import jp.tobira.security.TobiraUser;

/**
 * Delegation while away in the JSON API: the caller's delegations (as the one away or the
 * one standing in), naming one, ending one.
 */
@RestController
@RequestMapping("/api/v1/delegations")
@Tag(name = "Delegations", description = "A reviewer's delegate while they are away")
@PreAuthorize("hasAnyRole('INTAKE', 'BACKING_REVIEW', 'COOPERATION', 'DECISION', 'SUPERVISION', 'ADMIN')")
class DelegationsController {

	private final Delegations delegations;

	DelegationsController(Delegations delegations) {
		this.delegations = delegations;
	}

	/** {@code from} and {@code to} as {@code YYYY-MM-DD}, both included. */
	record NewDelegation(String delegate, String from, String to) {
	}

	record DelegationBody(UUID id, String delegator, String delegatorName, String delegate, String delegateName,
			LocalDate from, LocalDate to) {

		static DelegationBody of(Delegation delegation) {
			return new DelegationBody(delegation.id(), delegation.delegator(), delegation.delegatorName(),
					delegation.delegate(), delegation.delegateName(), delegation.startsOn(), delegation.endsOn());
		}
	}

	@GetMapping
	@Operation(summary = "The caller's delegations that have not run out, as the one away or the one standing in")
	List<DelegationBody> list(@AuthenticationPrincipal TobiraUser user) {
		return delegations.of(user.actor()).stream().map(DelegationBody::of).toList();
	}

	@PostMapping
	@Operation(summary = "Name a delegate for a period; tasks assigned to the caller then go to them",
			description = "400 naming each field that is wrong: no delegate, oneself, someone in none of the caller's "
					+ "groups, a day missing or past, an end before the start, a period overlapping another of the "
					+ "caller's.")
	ResponseEntity<DelegationBody> name(@AuthenticationPrincipal TobiraUser user,
			@RequestBody(required = false) NewDelegation body) {
		NewDelegation request = body == null ? new NewDelegation(null, null, null) : body;
		Delegation delegation = delegations.name(user.actor(), request.delegate(), request.from(), request.to());
		return ResponseEntity.created(URI.create("/api/v1/delegations/" + delegation.id()))
			.body(DelegationBody.of(delegation));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "End one of the caller's delegations now; another's is 404")
	ResponseEntity<Void> end(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id) {
		delegations.end(user.actor(), id);
		return ResponseEntity.noContent().build();
	}

}
