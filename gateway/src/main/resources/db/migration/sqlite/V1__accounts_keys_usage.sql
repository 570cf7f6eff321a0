-- Junction's schema, SQLite dialect. The PostgreSQL migrations mirror it table for table.
-- Money: INTEGER pico-dollars (10^-12 USD), never REAL. Instants: INTEGER microseconds since the
-- Unix epoch (UTC). Days: TEXT 'YYYY-MM-DD' (UTC). Booleans: INTEGER 0/1. Optional values: NULL.

CREATE TABLE accounts (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

INSERT INTO accounts (id, name, created_at)
VALUES ('default', 'default', CAST(strftime('%s', 'now') AS INTEGER) * 1000000);

-- Keys are stored as the SHA-256 of the whole key, never the secret. Deleting a key sets deleted_at:
-- it stops working at once while its generations and usage keep pointing at it.
CREATE TABLE api_keys (
    hash                  TEXT    PRIMARY KEY,
    account_id            TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    label                 TEXT    NOT NULL,
    kind                  TEXT    NOT NULL CHECK (kind IN ('standard', 'provisioning')),
    disabled              INTEGER NOT NULL,
    limit_picos           INTEGER,
    limit_reset           TEXT    CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
    include_byok_in_limit INTEGER NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER,
    deleted_at            INTEGER
);

CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at);

CREATE TABLE credit_grants (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    TEXT    NOT NULL,
    amount_picos  INTEGER NOT NULL,
    note          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

CREATE INDEX credit_grants_by_account ON credit_grants (account_id);

-- One row per generation, written only by the usage journal's drain, inserted by id (a replayed
-- record is skipped, never counted twice).
CREATE TABLE generations (
    id                    TEXT    PRIMARY KEY,
    key_hash              TEXT    NOT NULL,
    account_id            TEXT    NOT NULL,
    model                 TEXT    NOT NULL,
    provider_name         TEXT    NOT NULL,
    endpoint_id           TEXT    NOT NULL,
    upstream_id           TEXT,
    created_at            INTEGER NOT NULL,
    day                   TEXT    NOT NULL,
    streamed              INTEGER NOT NULL,
    cancelled             INTEGER NOT NULL,
    finish_reason         TEXT,
    native_finish_reason  TEXT,
    tokens_prompt         INTEGER NOT NULL,
    tokens_completion     INTEGER NOT NULL,
    tokens_cached         INTEGER NOT NULL,
    tokens_cache_write    INTEGER NOT NULL,
    tokens_reasoning      INTEGER NOT NULL,
    usage_estimated       INTEGER NOT NULL,
    cost_prompt_picos     INTEGER NOT NULL,
    cost_completion_picos INTEGER NOT NULL,
    cost_fees_picos       INTEGER NOT NULL,
    cost_total_picos      INTEGER NOT NULL,
    latency_ms            INTEGER NOT NULL,
    generation_ms         INTEGER NOT NULL,
    external_user         TEXT,
    http_referer          TEXT,
    app_title             TEXT,
    user_agent            TEXT,
    attempts              TEXT    NOT NULL,  -- JSON: [{"provider_name","model","status","latency_ms"}]
    media_in_prompt       INTEGER NOT NULL
);

CREATE INDEX generations_by_key ON generations (key_hash, created_at);
CREATE INDEX generations_by_account ON generations (account_id, created_at);

-- Aggregates, maintained in the same transaction as the generation rows they sum.
CREATE TABLE key_usage_daily (
    key_hash     TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    usage_picos  INTEGER NOT NULL,
    requests     INTEGER NOT NULL,
    PRIMARY KEY (key_hash, day)
) WITHOUT ROWID;

CREATE TABLE account_activity_daily (
    account_id         TEXT    NOT NULL,
    day                TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    provider_name      TEXT    NOT NULL,
    endpoint_id        TEXT    NOT NULL,
    usage_picos        INTEGER NOT NULL,
    requests           INTEGER NOT NULL,
    prompt_tokens      INTEGER NOT NULL,
    completion_tokens  INTEGER NOT NULL,
    reasoning_tokens   INTEGER NOT NULL,
    PRIMARY KEY (account_id, day, model, provider_name, endpoint_id)
) WITHOUT ROWID;

-- OAuth PKCE authorisation codes (hashed), each exchanged at most once.
CREATE TABLE auth_codes (
    code_hash         TEXT    PRIMARY KEY,
    account_id        TEXT    NOT NULL,
    callback_url      TEXT    NOT NULL,
    challenge         TEXT,
    challenge_method  TEXT,
    limit_picos       INTEGER,
    created_at        INTEGER NOT NULL,
    expires_at        INTEGER NOT NULL
);

-- How far each usage-journal segment has been committed (byte offset just past the last committed
-- record), written in the same transaction as those records. retired_at: the segment's records were
-- made durable and its file may be gone.
CREATE TABLE journal_checkpoints (
    segment     TEXT    PRIMARY KEY,
    position    INTEGER NOT NULL,
    retired_at  INTEGER
);
