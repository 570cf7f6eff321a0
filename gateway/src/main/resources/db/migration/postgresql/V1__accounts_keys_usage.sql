-- Junction's schema, PostgreSQL dialect: the SQLite migrations table for table, column for column, with
-- the same semantics, so the JDBC repositories run unchanged on both.
-- Money: BIGINT pico-dollars (10^-12 USD), never floating point. Instants: BIGINT microseconds since the
-- Unix epoch (UTC). Days: TEXT 'YYYY-MM-DD' (UTC). Booleans: BOOLEAN (SQLite stores them as 0/1).
-- Optional values: NULL. Text that is sorted, grouped or compared by range is COLLATE "C" (byte order,
-- as SQLite compares), so ranges of days and the order of listings never depend on the server's locale.

CREATE TABLE accounts (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);

INSERT INTO accounts (id, name, created_at)
VALUES ('default', 'default', CAST(EXTRACT(EPOCH FROM date_trunc('second', now())) AS BIGINT) * 1000000);

-- Keys are stored as the SHA-256 of the whole key, never the secret. Deleting a key sets deleted_at:
-- it stops working at once while its generations and usage keep pointing at it.
CREATE TABLE api_keys (
    hash                  TEXT    COLLATE "C" PRIMARY KEY,
    account_id            TEXT    NOT NULL,
    name                  TEXT    NOT NULL,
    label                 TEXT    NOT NULL,
    kind                  TEXT    NOT NULL CHECK (kind IN ('standard', 'provisioning')),
    disabled              BOOLEAN NOT NULL,
    limit_picos           BIGINT,
    limit_reset           TEXT    CHECK (limit_reset IN ('daily', 'weekly', 'monthly')),
    include_byok_in_limit BOOLEAN NOT NULL,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT,
    deleted_at            BIGINT
);

CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at);

CREATE TABLE credit_grants (
    id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id    TEXT    NOT NULL,
    amount_picos  BIGINT  NOT NULL,
    note          TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

CREATE INDEX credit_grants_by_account ON credit_grants (account_id);

-- One row per generation, written only by the usage journals' drains (one per gateway process),
-- inserted by id (a replayed record is skipped, never counted twice).
CREATE TABLE generations (
    id                    TEXT    PRIMARY KEY,
    key_hash              TEXT    COLLATE "C" NOT NULL,
    account_id            TEXT    COLLATE "C" NOT NULL,
    model                 TEXT    COLLATE "C" NOT NULL,
    provider_name         TEXT    COLLATE "C" NOT NULL,
    endpoint_id           TEXT    COLLATE "C" NOT NULL,
    upstream_id           TEXT,
    created_at            BIGINT  NOT NULL,
    day                   TEXT    COLLATE "C" NOT NULL,
    streamed              BOOLEAN NOT NULL,
    cancelled             BOOLEAN NOT NULL,
    finish_reason         TEXT,
    native_finish_reason  TEXT,
    tokens_prompt         BIGINT  NOT NULL,
    tokens_completion     BIGINT  NOT NULL,
    tokens_cached         BIGINT  NOT NULL,
    tokens_cache_write    BIGINT  NOT NULL,
    tokens_reasoning      BIGINT  NOT NULL,
    usage_estimated       BOOLEAN NOT NULL,
    cost_prompt_picos     BIGINT  NOT NULL,
    cost_completion_picos BIGINT  NOT NULL,
    cost_fees_picos       BIGINT  NOT NULL,
    cost_total_picos      BIGINT  NOT NULL,
    latency_ms            BIGINT  NOT NULL,
    generation_ms         BIGINT  NOT NULL,
    external_user         TEXT,
    http_referer          TEXT,
    app_title             TEXT,
    user_agent            TEXT,
    attempts              TEXT    NOT NULL,  -- JSON: [{"provider_name","model","status","latency_ms"}]
    media_in_prompt       INTEGER NOT NULL
);

CREATE INDEX generations_by_key ON generations (key_hash, created_at);
CREATE INDEX generations_by_account ON generations (account_id, created_at);

-- Aggregates, maintained in the same transaction as the generation rows they sum. Several gateway
-- processes add to the same rows at once: INSERT … ON CONFLICT DO UPDATE adds atomically, and each
-- batch touches its rows in one fixed order, so two batches never wait on each other in a cycle.
CREATE TABLE key_usage_daily (
    key_hash     TEXT    COLLATE "C" NOT NULL,
    day          TEXT    COLLATE "C" NOT NULL,
    usage_picos  BIGINT  NOT NULL,
    requests     BIGINT  NOT NULL,
    PRIMARY KEY (key_hash, day)
);

CREATE TABLE account_activity_daily (
    account_id         TEXT    COLLATE "C" NOT NULL,
    day                TEXT    COLLATE "C" NOT NULL,
    model              TEXT    COLLATE "C" NOT NULL,
    provider_name      TEXT    COLLATE "C" NOT NULL,
    endpoint_id        TEXT    COLLATE "C" NOT NULL,
    usage_picos        BIGINT  NOT NULL,
    requests           BIGINT  NOT NULL,
    prompt_tokens      BIGINT  NOT NULL,
    completion_tokens  BIGINT  NOT NULL,
    reasoning_tokens   BIGINT  NOT NULL,
    PRIMARY KEY (account_id, day, model, provider_name, endpoint_id)
);

-- OAuth PKCE authorisation codes (hashed), each exchanged at most once.
CREATE TABLE auth_codes (
    code_hash         TEXT    PRIMARY KEY,
    account_id        TEXT    NOT NULL,
    callback_url      TEXT    NOT NULL,
    challenge         TEXT,
    challenge_method  TEXT,
    limit_picos       BIGINT,
    created_at        BIGINT  NOT NULL,
    expires_at        BIGINT  NOT NULL
);

-- How far each usage-journal segment has been committed (byte offset just past the last committed
-- record), written in the same transaction as those records. retired_at: the segment's records were
-- made durable and its file may be gone.
CREATE TABLE journal_checkpoints (
    segment     TEXT    PRIMARY KEY,
    position    BIGINT  NOT NULL,
    retired_at  BIGINT
);
