-- Teams (issue 21): guardrails and the keys they govern, presets and their versions, and the audit log of
-- every change to these and to keys. Conventions as in V1 (INTEGER pico-dollars, microsecond instants).

-- A guardrail's policy (models, providers, data policy, prices, features, spending limit) is one JSON
-- document in the shape the API speaks: it is read and written whole, never queried by its parts.
CREATE TABLE guardrails (
    id            TEXT    PRIMARY KEY,
    account_id    TEXT    NOT NULL,
    workspace_id  TEXT,
    name          TEXT    NOT NULL,
    policy        TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER
);

CREATE INDEX guardrails_by_account ON guardrails (account_id, created_at);

-- Which keys a guardrail governs; deleting the guardrail deletes its assignments in the same transaction.
CREATE TABLE guardrail_keys (
    guardrail_id  TEXT    NOT NULL,
    key_hash      TEXT    NOT NULL,
    assigned_by   TEXT,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (guardrail_id, key_hash)
);

CREATE INDEX guardrail_keys_by_key ON guardrail_keys (key_hash);

-- A preset is named by its slug within an account; each change is a new numbered version, one of which is
-- designated (the one requests use).
CREATE TABLE presets (
    id                  TEXT    PRIMARY KEY,
    account_id          TEXT    NOT NULL,
    slug                TEXT    NOT NULL,
    name                TEXT    NOT NULL,
    description         TEXT,
    status              TEXT    NOT NULL CHECK (status IN ('active', 'disabled', 'archived')),
    designated_version  INTEGER,
    created_by          TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    status_updated_at   INTEGER,
    UNIQUE (account_id, slug)
);

CREATE TABLE preset_versions (
    id             TEXT    PRIMARY KEY,
    preset_id      TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    config         TEXT    NOT NULL,
    system_prompt  TEXT,
    creator_id     TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    UNIQUE (preset_id, version)
);

-- Who (the provisioning key's hash), what (action on a resource, with the changed fields as JSON) and when.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id     TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    resource_type  TEXT    NOT NULL,
    resource_id    TEXT    NOT NULL,
    details        TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
