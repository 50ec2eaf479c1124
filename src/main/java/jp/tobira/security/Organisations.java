package jp.tobira.security;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The issuer organisations; every issuer user belongs to one and sees only its cases. */
@Repository
public class Organisations {

	private final JdbcClient jdbc;

	private final Clock clock;

	Organisations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<UUID> findByName(String name) {
		return jdbc.sql("SELECT id FROM app.organisation WHERE name = ?").param(name).query(UUID.class).optional();
	}

	public Optional<String> nameOf(UUID id) {
		return jdbc.sql("SELECT name FROM app.organisation WHERE id = ?").param(id).query(String.class).optional();
	}

	public UUID create(String name) {
		UUID id = UUID.randomUUID();
		jdbc.sql("INSERT INTO app.organisation (id, name, created_at) VALUES (?, ?, ?)")
			.params(id, name, java.sql.Timestamp.from(clock.instant()))
			.update();
		return id;
	}

}
