package jp.tobira.application;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out case references. The increment takes the year's counter row lock until the
 * draft's transaction ends: concurrent drafts queue for a number, and a draft that rolls
 * back gives its number back, so there are no gaps.
 */
@Component
class ReferenceNumbers {

	private final JdbcClient jdbc;

	ReferenceNumbers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Reference next(int year) {
		int number = jdbc.sql("""
				INSERT INTO app.reference_counter (year, last_value) VALUES (?, 1)
				ON CONFLICT (year) DO UPDATE SET last_value = app.reference_counter.last_value + 1
				RETURNING last_value
				""").param(year).query(Integer.class).single();
		if (number > 999_999) {
			throw new IllegalStateException("More than 999,999 applications in " + year);
		}
		return Reference.of(year, number);
	}

}
