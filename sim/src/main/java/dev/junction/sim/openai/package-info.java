/**
 * The OpenAI wire protocol: {@code /v1/chat/completions}, legacy {@code /v1/completions} and {@code /v1/models},
 * with the shapes, field order and quirks of the real API (what every OpenAI-compatible upstream imitates).
 */
package dev.junction.sim.openai;
