/**
 * The sim's embedding and rerank models: vectors and relevance scores derived from the text alone, so that a test
 * knows the answer it should get through any protocol ({@code /v1/embeddings}, Gemini's {@code embedContent}, a
 * {@code /rerank} endpoint).
 */
package dev.junction.sim.embeddings;
