package jp.tobira.supervision.api;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.application.ApplicationId;
import jp.tobira.security.TobiraUser;
import jp.tobira.supervision.Supervision;

/**
 * {@code POST /api/v1/applications/{id}/surrender}: the issuer gives up its token's
 * recognition.
 */
@RestController
@RequestMapping("/api/v1/applications")
class SurrenderController {

	private final Supervision supervision;

	SurrenderController(Supervision supervision) {
		this.supervision = supervision;
	}

	record SurrenderRequest(String reasons) {
	}

	record Surrendered(String status) {
	}

	@PostMapping("/{id}/surrender")
	@Operation(summary = "Surrender the token's recognition (issuer): the register says SURRENDERED and supervision "
			+ "ends; 409 for a token that is not, or no longer, recognised")
	ResponseEntity<Surrendered> surrender(@AuthenticationPrincipal TobiraUser user, @PathVariable UUID id,
			@RequestBody(required = false) SurrenderRequest request) {
		supervision.surrender(user.actor(), new ApplicationId(id), request == null ? null : request.reasons());
		return ResponseEntity.ok(new Surrendered("SURRENDERED"));
	}

}
