package jp.tobira.cooperation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import jp.tobira.application.ApplicationId;
import jp.tobira.validation.InvalidInput;

/**
 * The request to the home regulator for confirmation of information sharing, and the
 * regulator's reply.
 */
@Service
public class HomeConfirmations {

	/** The kinds of arrangement a reply can confirm. */
	public static final Set<String> ARRANGEMENTS = Set.of("MOU", "MMOU", "EXCHANGE_OF_LETTERS", "BILATERAL_AGREEMENT",
			"OTHER");

	private final JdbcClient jdbc;

	private final Clock clock;

	HomeConfirmations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record HomeConfirmation(String requestedBy, java.time.Instant requestedAt, Boolean confirmed,
			String arrangement, String arrangementReference, String refusalReason, String contact, LocalDate repliedOn,
			String recordedBy) {
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void requestSent(ApplicationId id, String officer) {
		jdbc.sql("""
				INSERT INTO app.home_confirmation (application_id, requested_by, requested_at) VALUES (?, ?, ?)
				ON CONFLICT (application_id) DO UPDATE SET requested_by = excluded.requested_by,
				    requested_at = excluded.requested_at
				""").params(id.value(), officer, Timestamp.from(clock.instant())).update();
	}

	/**
	 * Records a confirmation; the arrangement must be a known kind and the reference
	 * given.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void confirmed(ApplicationId id, String arrangement, String reference, String contact, LocalDate repliedOn,
			String officer) {
		if (arrangement == null || !ARRANGEMENTS.contains(arrangement)) {
			throw InvalidInput.of("arrangement", "problem.oneOf", new java.util.TreeSet<>(ARRANGEMENTS).toString());
		}
		require("reference", reference, 200);
		optional("contact", contact, 200);
		LocalDate date = replyDate(repliedOn);
		upsertReply(id, true, arrangement, reference.strip(), null, contact, date, officer);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void refused(ApplicationId id, String reason, String contact, LocalDate repliedOn, String officer) {
		require("reason", reason, 4000);
		optional("contact", contact, 200);
		upsertReply(id, false, null, null, reason.strip(), contact, replyDate(repliedOn), officer);
	}

	public Optional<HomeConfirmation> of(ApplicationId id) {
		return jdbc.sql("SELECT * FROM app.home_confirmation WHERE application_id = ?")
			.param(id.value())
			.query((rs, row) -> new HomeConfirmation(rs.getString("requested_by"),
					rs.getTimestamp("requested_at") == null ? null : rs.getTimestamp("requested_at").toInstant(),
					(Boolean) rs.getObject("confirmed"), rs.getString("arrangement"), rs.getString("arrangement_ref"),
					rs.getString("refusal_reason"), rs.getString("contact"),
					rs.getObject("replied_on", LocalDate.class), rs.getString("recorded_by")))
			.optional();
	}

	private void upsertReply(ApplicationId id, boolean confirmed, String arrangement, String reference, String reason,
			String contact, LocalDate repliedOn, String officer) {
		jdbc.sql("""
				INSERT INTO app.home_confirmation (application_id, confirmed, arrangement, arrangement_ref,
				    refusal_reason, contact, replied_on, recorded_by, recorded_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (application_id) DO UPDATE SET confirmed = excluded.confirmed,
				    arrangement = excluded.arrangement, arrangement_ref = excluded.arrangement_ref,
				    refusal_reason = excluded.refusal_reason, contact = excluded.contact,
				    replied_on = excluded.replied_on, recorded_by = excluded.recorded_by,
				    recorded_at = excluded.recorded_at
				""")
			.params(id.value(), confirmed, arrangement, reference, reason, contact, repliedOn, officer,
					Timestamp.from(clock.instant()))
			.update();
	}

	private LocalDate replyDate(LocalDate repliedOn) {
		LocalDate today = LocalDate.now(clock);
		if (repliedOn == null) {
			return today;
		}
		if (repliedOn.isAfter(today)) {
			throw InvalidInput.of("date", "problem.future");
		}
		return repliedOn;
	}

	private static void require(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw InvalidInput.of(field, "problem.required");
		}
		optional(field, value, max);
	}

	private static void optional(String field, String value, int max) {
		if (value != null && value.length() > max) {
			throw InvalidInput.of(field, "problem.tooLong", max);
		}
	}

}
