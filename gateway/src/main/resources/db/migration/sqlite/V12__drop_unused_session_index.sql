-- No query reads generations through this index: activity grouped by session filters by account and time, which
-- generations_by_account serves. It only cost every usage batch a fourth B-tree insert per generation row, on the
-- writer that shares the event loops' cores (bench/RESULTS.md §10).
DROP INDEX generations_by_session;
