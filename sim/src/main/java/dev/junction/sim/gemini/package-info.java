/**
 * Google's Gemini API: {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent} (SSE with {@code alt=sse}, else one JSON array), with Google's shapes, error
 * envelope, key header ({@code x-goog-api-key}) and request validation, thought parts and thought signatures.
 */
package dev.junction.sim.gemini;
