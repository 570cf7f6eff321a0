/**
 * The protocol-neutral machinery of the sim: one {@link dev.junction.sim.engine.Exchange} per request (record,
 * timers, writes, close detection), the deterministic token model ({@link dev.junction.sim.engine.Words},
 * {@link dev.junction.sim.engine.TokenText}, {@link dev.junction.sim.engine.Generation}), and the timed,
 * back-pressured {@link dev.junction.sim.engine.StreamPump}. A wire protocol (OpenAI today; Anthropic and Gemini
 * later) is a {@link dev.junction.sim.engine.SimProtocol} whose endpoints parse requests into a
 * {@link dev.junction.sim.engine.PromptInfo} and render through a {@link dev.junction.sim.engine.Dialect}.
 * Public only so that protocol packages can use it; not part of the sim's API.
 */
package dev.junction.sim.engine;
