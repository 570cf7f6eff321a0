-- Workspaces (issue 21): groups of an account's keys, each with its own budgets. Conventions as in V1 (INTEGER
-- pico-dollars, microsecond instants, INTEGER 0/1 booleans).

-- Every account has one default workspace (is_default = 1), made when the account's workspaces are first used;
-- its id is derived from the account's (keys.DefaultWorkspace), so the keys that predate workspaces — whose
-- workspace_id is NULL — belong to it without a row being rewritten.
CREATE TABLE workspaces (
    id                       TEXT    PRIMARY KEY,
    account_id               TEXT    NOT NULL,
    slug                     TEXT    NOT NULL,
    name                     TEXT    NOT NULL,
    description              TEXT,
    default_text_model       TEXT,
    default_image_model      TEXT,
    default_provider_sort    TEXT,
    include_byok_in_budgets  INTEGER NOT NULL,
    is_default               INTEGER NOT NULL,
    created_at               INTEGER NOT NULL,
    updated_at               INTEGER,
    UNIQUE (account_id, slug)
);

CREATE INDEX workspaces_by_account ON workspaces (account_id, created_at);

-- At most one budget per workspace and interval; 'lifetime' never resets, the others at the same UTC boundaries
-- as key limits. Deleting the workspace deletes its budgets in the same transaction.
CREATE TABLE workspace_budgets (
    workspace_id  TEXT    NOT NULL,
    reset_interval TEXT   NOT NULL CHECK (reset_interval IN ('daily', 'weekly', 'monthly', 'lifetime')),
    id            TEXT    NOT NULL UNIQUE,
    limit_picos   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, reset_interval)
);

-- The workspace a key spends in, fixed when it is made; NULL = its account's default workspace. A generation's
-- workspace is its key's.
ALTER TABLE api_keys ADD COLUMN workspace_id TEXT;

CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id);
