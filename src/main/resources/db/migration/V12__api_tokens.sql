-- API tokens: machine credentials for an issuer's (or the supervisor's own) systems calling the JSON API with
-- "Authorization: Bearer tobira_…". HTTP Basic makes every call pay for a bcrypt hash; a token is a long random
-- secret, so a fast keyed hash of it is enough to look it up and is as hard to reverse as the secret is to guess.
--
-- The secret itself is never stored: hash is HMAC-SHA-256 over the token with the installation's key
-- (tobira.api-tokens.hash-key), hex; a copy of this table without the key gives nothing to try offline. prefix
-- is the token's first characters, not secret, so a user can tell their tokens apart on the screen.
--
-- A token acts as its user, with the user's groups as they are at each call: a disabled user's tokens stop
-- working, and every authorisation rule (ARCHITECTURE.md §1: an issuer sees only its organisation's cases)
-- applies unchanged. organisation_id is the user's organisation when the token was made; a token is refused if the
-- user has since moved to another one.
--
-- Creation and revocation are audit entries (API_TOKEN_CREATED, API_TOKEN_REVOKED, ARCHITECTURE.md §5); a use is
-- not, it would be one chained write per request. Instead last_used_at is kept (written at most once a minute per
-- token) and every entry a token's request appends names the token in its payload ("via": "api-token:<id>").
-- Rows are kept after revocation or expiry, so an audit entry's token id always resolves to a name and an owner.
CREATE TABLE api_token (
    id               uuid          PRIMARY KEY,
    username         varchar(64)   NOT NULL REFERENCES users (username),
    organisation_id  uuid          REFERENCES organisation (id),
    name             varchar(100)  NOT NULL,
    prefix           varchar(16)   NOT NULL,
    hash             char(64)      NOT NULL UNIQUE,
    created_at       timestamptz   NOT NULL,
    expires_at       timestamptz   NOT NULL,
    last_used_at     timestamptz,
    revoked_at       timestamptz,
    revoked_by       varchar(64),
    CHECK (expires_at > created_at),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX api_token_by_user ON api_token (username, created_at DESC);
