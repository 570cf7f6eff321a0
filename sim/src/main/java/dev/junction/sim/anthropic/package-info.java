/**
 * Anthropic's Messages API: {@code POST /v1/messages}, whole messages and the event stream ({@code message_start},
 * {@code content_block_*}, {@code message_delta}, {@code message_stop}, {@code ping}, {@code error}), with
 * Anthropic's error envelope, {@code x-api-key} and {@code anthropic-version} checks, and the request rules a
 * translating gateway must get right (known fields only, tool results answering the previous turn's tool uses,
 * thinking blocks sent back with the signature the sim gave them).
 */
package dev.junction.sim.anthropic;
