package jp.tobira.decision.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.tobira.decision.Register;
import jp.tobira.decision.RegisterEntry;

/** The public register as JSON, without log-in (ARCHITECTURE.md §6). */
@RestController
@Tag(name = "Register", description = "The public register of recognised tokens")
class RegisterController {

	private final Register register;

	RegisterController(Register register) {
		this.register = register;
	}

	@GetMapping("/api/v1/register")
	@Operation(summary = "Every recognised token")
	List<RegisterEntry> entries() {
		return register.entries();
	}

}
