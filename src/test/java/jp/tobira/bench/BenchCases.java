package jp.tobira.bench;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Open cases for the benchmark, cloned in batched SQL straight into the application's and
 * the engine's tables (as {@code OpenCasesInBulk} does for the tests), committed, so that
 * requests over HTTP see them. Each case stands at one of the five tasks of the
 * application process, with its candidate group (intake, backing review, cooperation
 * twice, decision); one in ten of those tasks is claimed by the demo user of its group;
 * one case in twenty waits for the issuer (no task, an open request for information).
 * About a sixth of the tasks are overdue, one case in seven is flagged, one in fifty
 * escalated; five jurisdictions, submissions over 120 days. Each case's task history is
 * there as the engine's full history level writes it ({@code act_hi_taskinst}): the tasks
 * it has done, each ended when the next started, and the one it stands at.
 *
 * <p>
 * {@link #grow} adds cases {@code from + 1 .. to}, so one run goes 1,000 → 10,000 →
 * 100,000 without starting again; each statement writes at most {@link #BATCH} rows.
 */
final class BenchCases {

	/** The year of the clones' references, one no real case and no other test uses. */
	static final String PREFIX = "EQ-2093-";

	/** The prefix of the clones' engine ids. */
	static final String ENGINE_PREFIX = "bench-";

	static final int BATCH = 25_000;

	private final JdbcTemplate jdbc;

	private final UUID organisation;

	private final String content;

	/**
	 * @param content the application's data every clone carries (the canonical
	 * application), so that a clone's case page renders as a real one's
	 */
	BenchCases(JdbcTemplate jdbc, UUID organisation, String content) {
		this.jdbc = jdbc;
		this.organisation = organisation;
		this.content = content;
	}

	/** Writes cases {@code from + 1 .. to}, then brings the planner's statistics up. */
	void grow(int from, int to) {
		for (int start = from + 1; start <= to; start += BATCH) {
			insert(start, Math.min(to, start + BATCH - 1));
		}
		// app.open_task and app.case_stay too: the engine's tables' triggers fill them
		for (String table : new String[] { "app.application", "app.case_flag", "app.rfi", "app.open_task",
				"app.case_stay", "public.act_ru_execution", "public.act_ru_task", "public.act_ru_identitylink",
				"public.act_hi_taskinst" }) {
			jdbc.execute("VACUUM ANALYZE " + table);
		}
	}

	/** Removes every clone (the smoke run shares its database with the other tests). */
	void removeAll() {
		jdbc.update("DELETE FROM public.act_ru_identitylink WHERE task_id_ LIKE ?", ENGINE_PREFIX + "task-%");
		jdbc.update("DELETE FROM public.act_ru_task WHERE id_ LIKE ?", ENGINE_PREFIX + "task-%");
		jdbc.update("DELETE FROM public.act_ru_execution WHERE id_ LIKE ?", ENGINE_PREFIX + "pi-%");
		jdbc.update("DELETE FROM public.act_hi_taskinst WHERE id_ LIKE ?", ENGINE_PREFIX + "hi-%");
		String ofClones = "(SELECT id FROM app.application WHERE reference LIKE '" + PREFIX + "%')";
		jdbc.update("DELETE FROM app.case_flag WHERE application_id IN " + ofClones);
		jdbc.update("DELETE FROM app.rfi WHERE application_id IN " + ofClones);
		jdbc.update("DELETE FROM app.application WHERE reference LIKE ?", PREFIX + "%");
	}

	private void insert(int first, int last) {
		// kind k = i % 5: 0 completeness (intake), 1 backing review, 2 and 3 cooperation,
		// 4 decision; every twentieth case waits for the issuer
		jdbc.update(
				"""
						INSERT INTO app.application (id, reference, organisation_id, status, stage, content, issuer_name,
						    jurisdiction, token_name, token_symbol, pegged_currency, created_by, created_at, updated_at,
						    submitted_at, version, process_instance_id, escalated_at)
						SELECT gen_random_uuid(), ? || lpad(i::text, 6, '0'), ?,
						       CASE WHEN i % 20 = 19 THEN 'AWAITING_ISSUER' WHEN i % 5 = 0 THEN 'SUBMITTED' ELSE 'IN_REVIEW' END,
						       (ARRAY['COMPLETENESS_CHECK', 'REVIEW', 'REVIEW', 'REVIEW', 'DECISION'])[1 + i % 5],
						       ?::jsonb, 'Bench Issuer ' || (i::bigint * 7919 % 100003), (ARRAY['US', 'SG', 'CH', 'GB', 'HK'])[1 + i / 7 % 5],
						       'Bench Token ' || (i::bigint * 104729 % 1000003), 'BT' || i, 'USD', 'issuer', now(), now(),
						       now() - (i % 120) * interval '1 day' - (i % 24) * interval '1 hour', 0, ? || 'pi-' || i,
						       CASE WHEN i % 50 = 7 THEN now() - interval '1 day' END
						FROM generate_series(?, ?) i
						""",
				PREFIX, organisation, content, ENGINE_PREFIX, first, last);
		jdbc.update("""
				INSERT INTO public.act_ru_execution (id_, rev_, proc_inst_id_, business_key_, is_active_,
				    is_concurrent_, is_scope_, is_event_scope_, suspension_state_)
				SELECT ? || 'pi-' || i, 1, ? || 'pi-' || i, ? || lpad(i::text, 6, '0'), true, false, true, false, 1
				FROM generate_series(?, ?) i
				""", ENGINE_PREFIX, ENGINE_PREFIX, PREFIX, first, last);
		jdbc.update(
				"""
						INSERT INTO public.act_ru_task (id_, rev_, proc_inst_id_, execution_id_, name_, task_def_key_, assignee_,
						    due_date_, create_time_, suspension_state_, priority_)
						SELECT ? || 'task-' || i, 1, ? || 'pi-' || i, ? || 'pi-' || i,
						       (ARRAY['Check completeness', 'Review backing and audit', 'Request the home regulator''s confirmation',
						              'Record the home regulator''s reply', 'Decide'])[1 + i % 5],
						       (ARRAY['checkCompleteness', 'reviewBacking', 'requestHomeConfirmation', 'recordHomeReply',
						              'decide'])[1 + i % 5],
						       CASE WHEN i / 5 % 10 = 3
						            THEN (ARRAY['intake', 'backing', 'cooperation', 'cooperation', 'decision'])[1 + i % 5] END,
						       now() + (i % 60 - 10) * interval '1 day', now() - (i % 120) * interval '1 day', 1, 50
						FROM generate_series(?, ?) i WHERE i % 20 <> 19
						""",
				ENGINE_PREFIX, ENGINE_PREFIX, ENGINE_PREFIX, first, last);
		// the history of each case's tasks up to the one it stands at (kind k: k done,
		// one
		// open), each stage a twelfth of the days since its submission, so all lie in the
		// past; a case waiting for the issuer has done its completeness check
		jdbc.update(
				"""
						INSERT INTO public.act_hi_taskinst (id_, task_def_key_, proc_def_key_, proc_inst_id_, root_proc_inst_id_,
						    execution_id_, name_, start_time_, end_time_, duration_, delete_reason_, priority_, task_state_)
						SELECT ? || 'hi-' || i || '-' || j,
						       (ARRAY['checkCompleteness', 'reviewBacking', 'requestHomeConfirmation', 'recordHomeReply',
						              'decide'])[1 + j],
						       'equivalence-application', ? || 'pi-' || i, ? || 'pi-' || i, ? || 'pi-' || i,
						       (ARRAY['Check completeness', 'Review backing and audit', 'Request the home regulator''s confirmation',
						              'Record the home regulator''s reply', 'Decide'])[1 + j],
						       s.submitted + j * s.stage, CASE WHEN j < s.at OR i % 20 = 19 THEN s.submitted + (j + 1) * s.stage END,
						       CASE WHEN j < s.at OR i % 20 = 19 THEN extract(epoch FROM s.stage)::bigint * 1000 END,
						       CASE WHEN j < s.at OR i % 20 = 19 THEN 'completed' END, 50,
						       CASE WHEN j < s.at OR i % 20 = 19 THEN 'Completed' ELSE 'Created' END
						FROM generate_series(?, ?) i
						CROSS JOIN LATERAL (SELECT now() - (i % 120) * interval '1 day' - (i % 24) * interval '1 hour' AS submitted,
						                           (i % 120) * interval '2 hours' AS stage,
						                           CASE WHEN i % 20 = 19 THEN 0 ELSE i % 5 END AS at) s
						CROSS JOIN LATERAL generate_series(0, s.at) j
						""",
				ENGINE_PREFIX, ENGINE_PREFIX, ENGINE_PREFIX, ENGINE_PREFIX, first, last);
		jdbc.update("""
				INSERT INTO public.act_ru_identitylink (id_, rev_, group_id_, type_, task_id_)
				SELECT ? || 'link-' || i, 1,
				       (ARRAY['intake', 'backing-review', 'cooperation', 'cooperation', 'decision'])[1 + i % 5],
				       'candidate', ? || 'task-' || i
				FROM generate_series(?, ?) i WHERE i % 20 <> 19
				""", ENGINE_PREFIX, ENGINE_PREFIX, first, last);
		jdbc.update("""
				INSERT INTO app.case_flag (application_id, flag, rule, advice, raised_at)
				SELECT id, 'STALE_AUDIT', 'PS-4 audit age', 'bench', now() FROM app.application
				WHERE reference >= ? AND reference <= ? AND right(reference, 6)::int % 7 = 3
				""", reference(first), reference(last));
		jdbc.update("""
				INSERT INTO app.rfi (id, application_id, task_key, missing, message, raised_by, raised_at)
				SELECT gen_random_uuid(), id, 'checkCompleteness', '[]', 'bench', 'intake', now() - interval '2 days'
				FROM app.application
				WHERE reference >= ? AND reference <= ? AND right(reference, 6)::int % 20 = 19
				""", reference(first), reference(last));
	}

	static String reference(int i) {
		return PREFIX + String.format("%06d", i);
	}

}
