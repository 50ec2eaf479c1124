package jp.tobira.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The append-only, hash-chained record of truth (ARCHITECTURE.md §5). An entry is written
 * in the same transaction as the change it records, so a rolled-back change leaves no
 * entry; it is linked into the chain (its sequence number and hashes) in commit order
 * just after, by {@link AuditChainLinker}, so the chain has no gap and writers do not
 * queue behind one another's commits.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ObjectMapper canonicalJson;

	private final List<AuditAttribution> attributions;

	private final AuditChainLinker linker;

	private static final String WAKES_LINKER = AuditLog.class.getName() + ".wakesLinker";

	AuditLog(JdbcClient jdbc, Clock clock, List<AuditAttribution> attributions, AuditChainLinker linker) {
		this.jdbc = jdbc;
		this.linker = linker;
		this.clock = clock;
		this.attributions = List.copyOf(attributions);
		this.canonicalJson = JsonMapper.builder()
			.addModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
			// an attributed payload passes through a tree: an amount keeps its scale
			// there (1.00 stays 1.00), as it does when written directly
			.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
			.build();
	}

	/**
	 * Appends an entry: written in the caller's transaction (a rolled-back change leaves
	 * no entry), linked into the chain by the {@link AuditChainLinker} as soon as that
	 * transaction has committed.
	 * @param actor the user name, or {@code system}
	 * @param caseReference the case's reference, or {@code null} for entries about no
	 * case (log-ins, configuration)
	 * @param payload what happened, serialised as canonical JSON (keys sorted); when the
	 * actor acts through more than a log-in (an API token), an object payload also says
	 * how ({@code via}, from the {@link AuditAttribution}s)
	 */
	@Transactional
	public void append(String actor, String caseReference, AuditKind kind, Object payload) {
		String payloadJson = canonical(attributed(actor, payload == null ? Map.of() : payload));
		jdbc.sql("""
				INSERT INTO app.audit_entry (occurred_at, actor, case_reference, kind, payload)
				VALUES (?, ?, ?, ?, ?)
				""").params(Timestamp.from(now()), actor, caseReference, kind.name(), payloadJson).update();
		wakeLinkerOnCommit();
	}

	/**
	 * Appends an entry linked at once, for a caller that records the entry's place in the
	 * chain with its change (the register publishes it): the chain head is locked until
	 * the caller's transaction ends, and entries written before it, the caller's own
	 * included, are linked first, so the chain keeps their order.
	 */
	@Transactional
	public AuditEntry appendLinked(String actor, String caseReference, AuditKind kind, Object payload) {
		String payloadJson = canonical(attributed(actor, payload == null ? Map.of() : payload));
		AuditChainLinker.Head head = linker.lockHeadAndLinkVisible();
		long seq = head.seq() + 1;
		Instant occurredAt = now();
		String hash = AuditChain.hash(head.hash(), seq, occurredAt, actor, caseReference, kind, payloadJson);
		jdbc.sql(
				"""
						INSERT INTO app.audit_entry (seq, occurred_at, actor, case_reference, kind, payload, previous_hash, hash)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)
						""")
			.params(seq, Timestamp.from(occurredAt), actor, caseReference, kind.name(), payloadJson, head.hash(), hash)
			.update();
		linker.moveHead(new AuditChainLinker.Head(seq, hash));
		return new AuditEntry(seq, occurredAt, actor, caseReference, kind, payloadJson, head.hash(), hash);
	}

	/**
	 * PostgreSQL keeps microseconds: the entry holds what is stored, so the linker and
	 * the verifier hash the same value.
	 */
	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	/** One wake-up a transaction, however many entries it wrote. */
	private void wakeLinkerOnCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			linker.wake();
			return;
		}
		if (TransactionSynchronizationManager.hasResource(WAKES_LINKER)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(WAKES_LINKER, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(WAKES_LINKER);
				if (status == STATUS_COMMITTED) {
					linker.wake();
				}
			}
		});
	}

	/**
	 * The payload with how the actor acted added, so that a request made with an API
	 * token is attributable to the token without an entry of its own per request. Only an
	 * object payload gets it, and a payload that says {@code via} itself keeps its own.
	 */
	Object attributed(String actor, Object payload) {
		Optional<String> via = attributions.stream()
			.map(attribution -> attribution.via(actor))
			.flatMap(Optional::stream)
			.findFirst();
		if (via.isEmpty()) {
			return payload;
		}
		if (!(canonicalJson.valueToTree(payload) instanceof ObjectNode object) || object.has("via")) {
			return payload;
		}
		object.put("via", via.get());
		// a tree keeps its keys in insertion order: sort them again, so the entry stays
		// canonical (nested objects were sorted when the tree was built)
		ObjectNode sorted = canonicalJson.createObjectNode();
		new TreeMap<>(object.properties().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
			.forEach(sorted::set);
		return sorted;
	}

	String canonical(Object payload) {
		try {
			return canonicalJson.writeValueAsString(payload);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Audit payload cannot be written as JSON", ex);
		}
	}

}
