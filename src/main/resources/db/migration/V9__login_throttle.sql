-- Log-in throttling (OWASP ASVS 4.0.3 V2.2.1), kept in the database so every node sees the same counters.
-- A failed log-in is a row here, not an audit entry: an audit entry takes the chain-head lock, and an anonymous
-- caller must not be able to serialise every writer of the audit log by guessing passwords. Only the moment an
-- account or an address becomes throttled is audited (LOGIN_THROTTLED), once.

-- One row per failed attempt (wrong password or unknown user), by the name tried (cut to the longest a real
-- one can be) and the client's address. Pruned on write once older than tobira.security.throttle.retention.
-- Attempts refused while throttled are not rows: they only count up login_throttle.refused, so a flood against
-- a throttled account or address costs one row update, not a growing table.
CREATE TABLE login_attempt (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        varchar(64)  NOT NULL,
    remote_address  varchar(64)  NOT NULL,
    attempted_at    timestamptz  NOT NULL
);
CREATE INDEX login_attempt_by_username ON login_attempt (username, attempted_at);
CREATE INDEX login_attempt_by_address ON login_attempt (remote_address, attempted_at);
CREATE INDEX login_attempt_by_time ON login_attempt (attempted_at);

-- One row per account or address that has failed: failures are counted from counted_from (moved forward by a
-- successful log-in of the account and by the end of a throttling period, so failures before either do not
-- count again), and log-ins are refused until locked_until. The row is also the lock that serialises
-- concurrent failures of one key, so it is throttled, and audited, exactly once.
CREATE TABLE login_throttle (
    scope         varchar(10)  NOT NULL CHECK (scope IN ('ACCOUNT', 'ADDRESS')),
    key           varchar(64)  NOT NULL,
    counted_from  timestamptz  NOT NULL,
    locked_until  timestamptz,
    refused       integer      NOT NULL DEFAULT 0,   -- attempts refused during the current (or last) throttling
    PRIMARY KEY (scope, key)
);
