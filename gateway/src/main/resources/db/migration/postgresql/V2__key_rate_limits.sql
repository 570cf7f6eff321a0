-- A key's own request rate limit: at most rate_limit_requests per rate_limit_interval_ms. NULL = the gateway's default.
ALTER TABLE api_keys ADD COLUMN rate_limit_requests INTEGER;
ALTER TABLE api_keys ADD COLUMN rate_limit_interval_ms BIGINT;
