-- Notifications that are never lost (issue 14): each user may have an e-mail address; each may turn kinds of
-- message off; and every message is first a row of the outbox, written in the same transaction as the change that
-- causes it, then sent by a job (notification/OutboxSender) that claims rows so that no two nodes send one at once.

ALTER TABLE users ADD COLUMN email varchar(254) CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$');
-- the demo accounts already made get an address at a reserved name (RFC 2606), so no mail ever leaves for them
UPDATE users SET email = username || '@demo.tobira.example' WHERE demo AND email IS NULL;

-- A kind a user turned off; no row means on.
CREATE TABLE notification_opt_out (
    username  varchar(64) NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    kind      varchar(32) NOT NULL,
    PRIMARY KEY (username, kind)
);

CREATE TABLE outbox (
    id               uuid          PRIMARY KEY,
    recipient        varchar(64)   NOT NULL,
    address          varchar(254)  NOT NULL,
    locale           varchar(8)    NOT NULL,
    kind             varchar(32)   NOT NULL,
    subject          varchar(300)  NOT NULL,
    body             text          NOT NULL,
    reference        varchar(32),
    created_at       timestamptz   NOT NULL,
    attempts         integer       NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz   NOT NULL,
    last_error       varchar(1000),
    sent_at          timestamptz,
    -- a sender's claim: whoever holds an unexpired lease sends the row, nobody else picks it up meanwhile
    claimed_by       uuid,
    claimed_until    timestamptz,
    -- a message that must be written once whoever writes it (a task due tomorrow, from the daily job on every node)
    once_key         varchar(200)  UNIQUE
);
-- what the sender asks for on every round: the unsent rows that are due
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
