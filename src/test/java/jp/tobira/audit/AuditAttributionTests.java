package jp.tobira.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * An entry written through an API token says so ({@code via}) and is otherwise exactly
 * the payload it would have been: still canonical (keys sorted at every level), amounts
 * with their scale, instants as text.
 */
class AuditAttributionTests {

	private final AuditLog attributed = new AuditLog(null, Clock.systemUTC(),
			List.of(actor -> actor.equals("issuer") ? Optional.of("api-token:42") : Optional.empty()), null);

	private final AuditLog plain = new AuditLog(null, Clock.systemUTC(), List.of(), null);

	private final Map<String, Object> payload = payload();

	@Test
	void addsViaAndKeepsThePayloadCanonical() {
		String expected = plain.canonical(payload);
		assertThat(expected)
			.isEqualTo("{\"amount\":1.00,\"at\":\"2026-11-25T01:02:03Z\",\"nested\":{\"a\":1,\"b\":2},\"zeta\":\"z\"}");
		assertThat(attributed.canonical(attributed.attributed("issuer", payload))).isEqualTo(
				"{\"amount\":1.00,\"at\":\"2026-11-25T01:02:03Z\",\"nested\":{\"a\":1,\"b\":2},\"via\":\"api-token:42\",\"zeta\":\"z\"}");
	}

	@Test
	void leavesOtherActorsAndPayloadsThatAreNoObjectAlone() {
		assertThat(attributed.canonical(attributed.attributed("system", payload))).isEqualTo(plain.canonical(payload));
		assertThat(attributed.canonical(attributed.attributed("issuer", List.of(1, 2)))).isEqualTo("[1,2]");
		assertThat(attributed.canonical(attributed.attributed("issuer", Map.of("via", "form"))))
			.isEqualTo("{\"via\":\"form\"}");
	}

	private static Map<String, Object> payload() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("b", 2);
		nested.put("a", 1);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("zeta", "z");
		payload.put("amount", new BigDecimal("1.00"));
		payload.put("nested", nested);
		payload.put("at", Instant.parse("2026-11-25T01:02:03Z"));
		return payload;
	}

}
