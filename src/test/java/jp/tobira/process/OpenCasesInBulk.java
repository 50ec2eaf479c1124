package jp.tobira.process;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many open cases in review, written straight into the application's and the engine's
 * tables (each with a task for the backing reviewers), for the tests that need a long
 * task list; the caller rolls them back.
 *
 * @param name what the rows are called by (ids {@code <name>-pi-i},
 * {@code <name>-task-i})
 * @param referenceYear the year of their references, one the real cases never use
 * @param dueSpreadDays task i is due {@code i % dueSpreadDays - overdueDays} days from
 * now
 * @param submittedSpreadDays case i was submitted {@code i % submittedSpreadDays} days
 * ago
 */
public record OpenCasesInBulk(String name, int referenceYear, int dueSpreadDays, int overdueDays,
		int submittedSpreadDays) {

	/**
	 * @param jurisdictions case i is in {@code jurisdictions[i % size]}
	 */
	public void insert(JdbcTemplate jdbc, UUID organisation, List<String> jurisdictions, int count) {
		String prefix = "EQ-" + referenceYear + "-";
		jdbc.update("""
				INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
				    jurisdiction, token_name, token_symbol, pegged_currency, created_by, created_at, updated_at,
				    submitted_at, version, process_instance_id)
				SELECT gen_random_uuid(), ? || lpad(i::text, 6, '0'), ?, 'IN_REVIEW', 'REVIEW', '{}'::jsonb,
				       ? || ' Issuer ' || i, (?::text[])[1 + i % ?], ? || ' Token ' || i, upper(left(?, 1)) || 'T' || i,
				       'USD', ?, now(), now(), now() - (i % ?) * interval '1 day', 0, ? || '-pi-' || i
				FROM generate_series(1, ?) i
				""", prefix, organisation, label(), jurisdictions.toArray(String[]::new), jurisdictions.size(), label(),
				name, name, submittedSpreadDays, name, count);
		jdbc.update("""
				INSERT INTO public.act_ru_execution (id_, rev_, proc_inst_id_, business_key_, is_active_,
				    is_concurrent_, is_scope_, is_event_scope_, suspension_state_)
				SELECT ? || '-pi-' || i, 1, ? || '-pi-' || i, ? || lpad(i::text, 6, '0'), true, false, true, false, 1
				FROM generate_series(1, ?) i
				""", name, name, prefix, count);
		jdbc.update("""
				INSERT INTO public.act_ru_task (id_, rev_, proc_inst_id_, name_, task_def_key_, due_date_, create_time_,
				    suspension_state_, priority_)
				SELECT ? || '-task-' || i, 1, ? || '-pi-' || i, 'Review backing and audit', 'reviewBacking',
				       now() + (i % ? - ?) * interval '1 day', now(), 1, 50
				FROM generate_series(1, ?) i
				""", name, name, dueSpreadDays, overdueDays, count);
		jdbc.update("""
				INSERT INTO public.act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
				SELECT ? || '-link-' || i, 1, 'backing-review', 'candidate', ? || '-task-' || i
				FROM generate_series(1, ?) i
				""", name, name, count);
	}

	private String label() {
		return Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}
}
