package jp.tobira.rulebook.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.rulebook.CriterionSetting;
import jp.tobira.rulebook.Rulebook;
import jp.tobira.rulebook.RulebookDraft;
import jp.tobira.rulebook.RulebookVersion;
import jp.tobira.security.TobiraUser;

/**
 * The rulebook (ARCHITECTURE.md §8): anyone signed in may read the version in force, the
 * criteria every case is judged by; the supervisor's staff see every version; an admin
 * drafts, and another admin puts a draft into force.
 */
@RestController
@Tag(name = "Rulebook", description = "The equivalence criteria as versioned, four-eyes approved data")
class RulebookController {

	private final Rulebook rulebook;

	RulebookController(Rulebook rulebook) {
		this.rulebook = rulebook;
	}

	/**
	 * A version as the API gives it; who drafted and approved it only for the
	 * supervisor's staff.
	 */
	record VersionView(int version, LocalDate effectiveFrom, RulebookVersion.Status status, String note,
			String draftedBy, Instant draftedAt, String approvedBy, Instant approvedAt,
			List<Map<String, Object>> criteria) {

		static VersionView of(RulebookVersion version, RulebookVersion.Status status, boolean staff) {
			return new VersionView(version.version(), version.effectiveFrom(), status, version.note(),
					staff ? version.draftedBy() : null, version.draftedAt(), staff ? version.approvedBy() : null,
					version.approvedAt(), version.criteria().stream().map(CriterionSetting::json).toList());
		}

	}

	@GetMapping("/api/v1/rulebook")
	@Operation(summary = "The rulebook version in force today")
	VersionView inForce(@AuthenticationPrincipal TobiraUser user) {
		RulebookVersion version = rulebook.inForce();
		return VersionView.of(version, RulebookVersion.Status.IN_FORCE, staff(user));
	}

	@GetMapping("/api/v1/rulebook/versions")
	@PreAuthorize("!hasRole('ISSUER')")
	@Operation(summary = "Every version, drafts included, the newest first")
	List<VersionView> versions() {
		List<RulebookVersion> versions = rulebook.versions();
		Map<Integer, RulebookVersion.Status> statuses = rulebook.statusesOf(versions);
		return versions.stream().map(v -> VersionView.of(v, statuses.get(v.version()), true)).toList();
	}

	@GetMapping("/api/v1/rulebook/versions/{version}")
	@Operation(summary = "One version, a draft or approved, with its status today")
	@PreAuthorize("!hasRole('ISSUER')")
	VersionView version(@PathVariable int version) {
		RulebookVersion found = rulebook.version(version);
		return VersionView.of(found, rulebook.statusOf(found), true);
	}

	@PostMapping("/api/v1/rulebook/versions")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Draft a new version: the criteria it changes, on top of the version in force")
	ResponseEntity<VersionView> draft(@AuthenticationPrincipal TobiraUser user, @RequestBody RulebookDraft draft) {
		RulebookVersion drafted = rulebook.draft(user.getUsername(), draft);
		return ResponseEntity.created(URI.create("/api/v1/rulebook/versions/" + drafted.version()))
			.body(VersionView.of(drafted, rulebook.statusOf(drafted), true));
	}

	@PostMapping("/api/v1/rulebook/versions/{version}/approve")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Put a draft into force on its effective day: an admin other than its drafter")
	VersionView approve(@AuthenticationPrincipal TobiraUser user, @PathVariable int version) {
		RulebookVersion approved = rulebook.approve(user.getUsername(), version);
		return VersionView.of(approved, rulebook.statusOf(approved), true);
	}

	@GetMapping("/api/v1/rulebook/compare")
	@PreAuthorize("!hasRole('ISSUER')")
	@Operation(summary = "What differs between two versions, criterion by criterion")
	List<Rulebook.Difference> compare(@RequestParam int from, @RequestParam int to) {
		return rulebook.compare(from, to);
	}

	private static boolean staff(TobiraUser user) {
		return user.actor().isSupervisorStaff();
	}

}
