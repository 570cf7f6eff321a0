/**
 * The model-listing APIs of local servers, beside their OpenAI-compatible {@code /v1} endpoints: LM Studio's
 * {@code GET /api/v0/models} and Ollama's {@code GET /api/tags} and {@code POST /api/show}. They list the sim's
 * models ({@link dev.junction.sim.SimOptions#models()}) with the context windows of
 * {@link dev.junction.sim.SimOptions#contextLengths()}, so that a gateway can discover them as it would real ones.
 */
package dev.junction.sim.local;
