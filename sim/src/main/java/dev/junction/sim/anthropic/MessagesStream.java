package dev.junction.sim.anthropic;

import dev.junction.sim.SimToolCall;
import dev.junction.sim.engine.Generation;
import dev.junction.sim.engine.Json;
import dev.junction.sim.engine.StreamRenderer;
import dev.junction.sim.engine.TokenText;
import io.vertx.core.buffer.Buffer;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * The events of one streamed message, in Anthropic's order: {@code message_start} (input usage, one output token),
 * a {@code ping}, then per content block {@code content_block_start}, its deltas and {@code content_block_stop} —
 * thinking ({@code thinking_delta}s, then one {@code signature_delta}), redacted thinking (start and stop only),
 * text ({@code text_delta}s), each tool use ({@code input_json_delta} fragments) — then {@code message_delta}
 * with the stop reason and the output usage, and {@code message_stop}.
 *
 * <p>Content frames, paced and counted by {@code fail_after_chunks}, are the engine's pieces: each thinking and text
 * delta, and per tool use its {@code content_block_start} and each argument fragment. Everything else goes at once.
 */
final class MessagesStream implements StreamRenderer {
    private enum Phase { START, PING, THINKING, REDACTED, SEARCH, TEXT, TOOLS, DELTA, STOP, END }

    private final String model;
    private final Generation generation;
    private final Optional<String> redacted;
    private final Optional<MessagesUsage> usage;
    private final String padding;
    private final Buffer errorEvent;
    private final String messageId = AnthropicIds.message();
    private final Iterator<String> thinking;
    private final Iterator<String> text;
    private Phase phase = Phase.START;
    private int blockIndex = -1;
    private boolean blockOpen;
    private int toolIndex;
    private Iterator<String> fragments = Collections.emptyIterator();

    MessagesStream(String model, Generation generation, Optional<String> redacted, Optional<MessagesUsage> usage,
                   int padBytes, Buffer errorEvent) {
        this.model = model;
        this.generation = generation;
        this.redacted = redacted;
        this.usage = usage;
        this.padding = "x".repeat(padBytes);
        this.errorEvent = errorEvent;
        this.thinking = generation.reasoning().pieces();
        this.text = generation.content().map(TokenText::pieces).orElse(Collections.emptyIterator());
    }

    @Override
    public Buffer errorEvent() {
        return errorEvent;
    }

    @Override
    public Optional<Frame> next() {
        while (true) {
            switch (phase) {
                case START -> {
                    phase = Phase.PING;
                    return envelope(MessagesDialect.event("message_start", this::messageStart));
                }
                case PING -> {
                    phase = Phase.THINKING;
                    return envelope(MessagesDialect.event("ping", g -> {
                        g.writeStartObject();
                        g.writeStringProperty("type", "ping");
                        g.writeEndObject();
                    }));
                }
                case THINKING -> {
                    if (generation.reasoning().isEmpty()) {
                        phase = Phase.REDACTED;
                    } else if (!blockOpen) {
                        return envelope(blockStart(g -> {
                            g.writeStringProperty("type", "thinking");
                            g.writeStringProperty("thinking", "");
                            g.writeStringProperty("signature", "");
                        }));
                    } else if (thinking.hasNext()) {
                        String piece = thinking.next();
                        return content(delta(g -> {
                            g.writeStringProperty("type", "thinking_delta");
                            g.writeStringProperty("thinking", piece);
                        }));
                    } else {
                        phase = Phase.REDACTED;
                        Buffer signature = delta(g -> {
                            g.writeStringProperty("type", "signature_delta");
                            g.writeStringProperty("signature", AnthropicIds.signature(generation.reasoning().text()));
                        });
                        return envelope(signature.appendBuffer(blockStop()));
                    }
                }
                case REDACTED -> {
                    phase = Phase.SEARCH;
                    if (redacted.isPresent()) {
                        Buffer start = blockStart(g -> {
                            g.writeStringProperty("type", "redacted_thinking");
                            g.writeStringProperty("data", redacted.get());
                        });
                        return envelope(start.appendBuffer(blockStop()));
                    }
                }
                case SEARCH -> {
                    phase = Phase.TEXT;
                    if (WebSearchBlocks.searched(generation)) {
                        String id = AnthropicIds.serverToolUse();
                        String input = "{\"query\": " + tools.jackson.databind.node.StringNode.valueOf(
                                WebSearchBlocks.query(generation)) + "}";
                        Buffer search = blockStart(g -> WebSearchBlocks.serverToolUse(g, id, false, generation))
                                .appendBuffer(delta(g -> {
                                    g.writeStringProperty("type", "input_json_delta");
                                    g.writeStringProperty("partial_json", input);
                                }))
                                .appendBuffer(blockStop())
                                .appendBuffer(blockStart(g -> WebSearchBlocks.toolResult(g, id, generation)))
                                .appendBuffer(blockStop());
                        return envelope(search);
                    }
                }
                case TEXT -> {
                    if (generation.content().isEmpty()) {
                        phase = Phase.TOOLS;
                    } else if (!blockOpen) {
                        Buffer start = blockStart(g -> {
                            g.writeStringProperty("type", "text");
                            g.writeStringProperty("text", "");
                        });
                        // Claude sends a cited passage's citations before its text.
                        for (var source : generation.sources()) {
                            start.appendBuffer(delta(g -> {
                                g.writeStringProperty("type", "citations_delta");
                                g.writeName("citation");
                                WebSearchBlocks.citation(g, source);
                            }));
                        }
                        return envelope(start);
                    } else if (text.hasNext()) {
                        String piece = text.next();
                        return content(delta(g -> {
                            g.writeStringProperty("type", "text_delta");
                            g.writeStringProperty("text", piece);
                        }));
                    } else {
                        phase = Phase.TOOLS;
                        return envelope(blockStop());
                    }
                }
                case TOOLS -> {
                    Optional<Frame> frame = nextToolFrame();
                    if (frame.isPresent()) {
                        return frame;
                    }
                    phase = Phase.DELTA;
                }
                case DELTA -> {
                    phase = Phase.STOP;
                    return envelope(MessagesDialect.event("message_delta", this::messageDelta));
                }
                case STOP -> {
                    phase = Phase.END;
                    return envelope(MessagesDialect.event("message_stop", g -> {
                        g.writeStartObject();
                        g.writeStringProperty("type", "message_stop");
                        g.writeEndObject();
                    }));
                }
                case END -> {
                    return Optional.empty();
                }
            }
        }
    }

    private Optional<Frame> nextToolFrame() {
        List<SimToolCall> calls = generation.toolCalls();
        while (toolIndex < calls.size()) {
            SimToolCall call = calls.get(toolIndex);
            if (!blockOpen) {
                fragments = Generation.argumentFragments(call.arguments()).iterator();
                String id = AnthropicIds.toolUse();
                return content(blockStart(g -> {
                    g.writeStringProperty("type", "tool_use");
                    g.writeStringProperty("id", id);
                    g.writeStringProperty("name", call.name());
                    g.writeObjectPropertyStart("input");
                    g.writeEndObject();
                }));
            }
            if (fragments.hasNext()) {
                String fragment = fragments.next();
                return content(delta(g -> {
                    g.writeStringProperty("type", "input_json_delta");
                    g.writeStringProperty("partial_json", fragment);
                }));
            }
            toolIndex++;
            return envelope(blockStop());
        }
        return Optional.empty();
    }

    private void messageStart(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("type", "message_start");
        g.writeObjectPropertyStart("message");
        g.writeStringProperty("id", messageId);
        g.writeStringProperty("type", "message");
        g.writeStringProperty("role", "assistant");
        g.writeStringProperty("model", model);
        g.writeArrayPropertyStart("content");
        g.writeEndArray();
        g.writeNullProperty("stop_reason");
        g.writeNullProperty("stop_sequence");
        usage.ifPresent(u -> u.write(g, Math.min(1, u.output())));
        g.writeEndObject();
        g.writeEndObject();
    }

    private void messageDelta(JsonGenerator g) {
        g.writeStartObject();
        g.writeStringProperty("type", "message_delta");
        g.writeObjectPropertyStart("delta");
        g.writeStringProperty("stop_reason", MessagesDialect.stopReason(generation.finishReason()));
        g.writeNullProperty("stop_sequence");
        g.writeEndObject();
        usage.ifPresent(u -> {
            g.writeObjectPropertyStart("usage");
            g.writeNumberProperty("output_tokens", u.output());
            u.writeServerToolUse(g);
            g.writeEndObject();
        });
        g.writeEndObject();
    }

    private Buffer blockStart(Json.Writer block) {
        blockIndex++;
        blockOpen = true;
        int index = blockIndex;
        return MessagesDialect.event("content_block_start", g -> {
            g.writeStartObject();
            g.writeStringProperty("type", "content_block_start");
            g.writeNumberProperty("index", index);
            g.writeObjectPropertyStart("content_block");
            block.write(g);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private Buffer delta(Json.Writer delta) {
        int index = blockIndex;
        return MessagesDialect.event("content_block_delta", g -> {
            g.writeStartObject();
            g.writeStringProperty("type", "content_block_delta");
            g.writeNumberProperty("index", index);
            g.writeObjectPropertyStart("delta");
            delta.write(g);
            g.writeEndObject();
            if (!padding.isEmpty()) {
                g.writeStringProperty("x_pad", padding);
            }
            g.writeEndObject();
        });
    }

    private Buffer blockStop() {
        blockOpen = false;
        int index = blockIndex;
        return MessagesDialect.event("content_block_stop", g -> {
            g.writeStartObject();
            g.writeStringProperty("type", "content_block_stop");
            g.writeNumberProperty("index", index);
            g.writeEndObject();
        });
    }

    private static Optional<Frame> envelope(Buffer bytes) {
        return Optional.of(new Frame(bytes, false));
    }

    private static Optional<Frame> content(Buffer bytes) {
        return Optional.of(new Frame(bytes, true));
    }
}
