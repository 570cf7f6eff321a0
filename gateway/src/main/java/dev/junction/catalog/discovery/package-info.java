/**
 * Model discovery and catalog reload. {@link dev.junction.catalog.discovery.CatalogRefresher} re-reads the
 * configuration when its file changed and asks every provider with {@code discovery} set for its models
 * (OpenAI-compatible {@code /models}, LM Studio, Ollama, OpenRouter's live list), merges what they report
 * into the configured models by the id rules of {@link dev.junction.catalog.discovery.DiscoveryMerge}, and
 * swaps the result into the {@link dev.junction.catalog.CatalogHolder}. Listing requests block, so all of
 * it runs on virtual threads, never on an event loop.
 */
package dev.junction.catalog.discovery;
