package dev.junction.testing;

import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an SSE response line by line, keeping the raw lines so tests can assert the exact framing:
 * every {@code data:} line, comment and the blank separators.
 */
public final class SseReader implements AutoCloseable {
    private final BufferedReader reader;
    private final List<String> lines = new ArrayList<>();

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The next {@code data:} payload, skipping comments and blank lines; empty at the end of the body. */
    public Optional<String> nextData() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("data: ")) {
                    return Optional.of(line.substring(6));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next data payload parsed as JSON; fails if the stream ended or sent [DONE]. */
    public JsonNode nextChunk() {
        String data = nextData().orElseThrow(() -> new AssertionError("stream ended; lines so far: " + lines));
        if (data.equals("[DONE]")) {
            throw new AssertionError("stream sent [DONE] where a chunk was expected");
        }
        return Json.parse(data);
    }

    /** Every remaining data payload until the body ends (including "[DONE]"). */
    public List<String> readAll() {
        List<String> data = new ArrayList<>();
        Optional<String> next;
        while ((next = nextData()).isPresent()) {
            data.add(next.get());
        }
        return data;
    }

    /** Every raw line read so far, including comments and blank lines. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
