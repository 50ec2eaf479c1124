-- Browser sessions (issue 12): a session made on one node must be served by any other, so the sessions live in
-- PostgreSQL, the one store every node shares, not in one JVM's memory. Spring Session JDBC reads and writes these
-- two tables (spring.session.jdbc.table-name: app.spring_session); its own schema initialisation is off
-- (initialize-schema: never) so that Flyway, which creates every other table, creates these too, once, in schema app.
--
-- The DDL is spring-session-jdbc's org/springframework/session/jdbc/schema-postgresql.sql, unchanged but for the
-- lower-case names the rest of the schema uses. A session row holds the session's times and the signed-in user's
-- name; its attributes (the security context, the CSRF token, the user's language choice, flash attributes between
-- a redirect and the next page) are Java-serialised objects, one row each. Expired sessions are deleted by Spring
-- Session's cleanup (every minute by default); running on every node at once only deletes the same rows twice.
CREATE TABLE spring_session (
    primary_id             char(36)      NOT NULL,
    session_id             char(36)      NOT NULL,
    creation_time          bigint        NOT NULL,
    last_access_time       bigint        NOT NULL,
    max_inactive_interval  int           NOT NULL,
    expiry_time            bigint        NOT NULL,
    principal_name         varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);

CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id  char(36)      NOT NULL,
    attribute_name      varchar(200)  NOT NULL,
    attribute_bytes     bytea         NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id) REFERENCES spring_session (primary_id)
        ON DELETE CASCADE
);
