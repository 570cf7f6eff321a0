-- OpenRouter's api_type of each generation: completions (chat, legacy completions, Responses, Messages), embeddings
-- or rerank. Generations recorded before are all completions.
ALTER TABLE generations ADD COLUMN api_type TEXT NOT NULL DEFAULT 'completions';
