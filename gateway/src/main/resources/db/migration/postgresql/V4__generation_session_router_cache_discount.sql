-- What a generation's record adds for /generation and /activity: the client's session_id (grouping the generations
-- of one conversation), the router that chose its model (openrouter/auto), and what prompt caching saved against
-- the uncached prompt price (negative when cache writes cost more than they saved), in pico-dollars.
ALTER TABLE generations ADD COLUMN session_id TEXT;
ALTER TABLE generations ADD COLUMN router TEXT;
ALTER TABLE generations ADD COLUMN cache_discount_picos BIGINT NOT NULL DEFAULT 0;

CREATE INDEX generations_by_session ON generations (account_id, session_id, created_at);
