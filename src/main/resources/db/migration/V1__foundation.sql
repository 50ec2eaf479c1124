-- Tobira's own tables live in schema "app"; Camunda's engine owns "public" (see STACK.md: Flyway and the engine
-- in one schema fail).

CREATE TABLE organisation (
    id          uuid PRIMARY KEY,
    name        varchar(200) NOT NULL UNIQUE,
    created_at  timestamptz  NOT NULL
);

CREATE TABLE users (
    username         varchar(64)  PRIMARY KEY,
    password         varchar(200) NOT NULL,
    display_name     varchar(200) NOT NULL,
    enabled          boolean      NOT NULL DEFAULT true,
    demo             boolean      NOT NULL DEFAULT false,
    organisation_id  uuid REFERENCES organisation (id),
    locale           varchar(8)
);

CREATE TABLE user_group (
    username  varchar(64) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    group_id  varchar(32) NOT NULL,
    PRIMARY KEY (username, group_id)
);

-- One row per year; the row lock taken by the increment serialises concurrent drafts, and a rolled-back draft
-- rolls its number back with it, so references have no gaps.
CREATE TABLE reference_counter (
    year        integer PRIMARY KEY,
    last_value  integer NOT NULL
);

CREATE TABLE application (
    id               uuid         PRIMARY KEY,
    reference        varchar(20)  NOT NULL UNIQUE,
    organisation_id  uuid         NOT NULL REFERENCES organisation (id),
    status           varchar(20)  NOT NULL,
    stage            varchar(30)  NOT NULL,
    -- the application data of DESIGN.md §3 as the issuer entered it (validated before it gets here)
    content          jsonb        NOT NULL,
    -- copies of what lists show and filter on, kept in step with content by the repository
    issuer_name      varchar(200),
    jurisdiction     varchar(2),
    token_name       varchar(100),
    token_symbol     varchar(20),
    pegged_currency  varchar(3),
    coverage_ratio   numeric(20, 6),
    created_by       varchar(64)  NOT NULL,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    submitted_at     timestamptz,
    version          integer      NOT NULL
);
CREATE INDEX application_by_organisation ON application (organisation_id, updated_at DESC);
CREATE INDEX application_by_status ON application (status, updated_at DESC);

CREATE TABLE document (
    id              uuid          PRIMARY KEY,
    application_id  uuid          NOT NULL REFERENCES application (id),
    type            varchar(32)   NOT NULL,
    version         integer       NOT NULL,
    file_name       varchar(255)  NOT NULL,
    size_bytes      bigint        NOT NULL CHECK (size_bytes > 0),
    media_type      varchar(100)  NOT NULL,
    sha256          char(64)      NOT NULL,
    uploaded_by     varchar(64)   NOT NULL,
    uploaded_at     timestamptz   NOT NULL,
    content         bytea         NOT NULL,
    UNIQUE (application_id, type, version),
    UNIQUE (application_id, sha256)
);

-- The audit log: append-only, hash-chained (DESIGN.md §5).
CREATE TABLE audit_entry (
    seq             bigint       PRIMARY KEY,
    occurred_at     timestamptz  NOT NULL,
    actor           varchar(64)  NOT NULL,
    case_reference  varchar(20),
    kind            varchar(40)  NOT NULL,
    -- canonical JSON exactly as hashed; kept as text so that re-reading it cannot reorder or reformat it
    payload         text         NOT NULL CHECK (payload::jsonb IS NOT NULL),
    previous_hash   char(64)     NOT NULL,
    hash            char(64)     NOT NULL
);
CREATE INDEX audit_entry_by_case ON audit_entry (case_reference, seq);
CREATE INDEX audit_entry_by_kind ON audit_entry (kind, seq);

-- The tip of the chain. Appenders lock this row, which serialises appends across threads and nodes.
CREATE TABLE audit_chain_head (
    id    smallint PRIMARY KEY CHECK (id = 1),
    seq   bigint   NOT NULL,
    hash  char(64) NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on audit_entry refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
