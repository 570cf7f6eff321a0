package dev.junction.sim;

import dev.junction.sim.engine.Json;
import tools.jackson.databind.node.ObjectNode;

/** The snake_case JSON form of a {@link SimRequestRecord}, served by {@code GET /sim/requests}. */
final class RecordJson {
    private RecordJson() {
    }

    static ObjectNode write(SimRequestRecord r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seq", r.seq());
        o.put("method", r.method());
        o.put("path", r.path());
        o.put("model", r.model());
        o.put("stream", r.stream());
        o.put("status", r.status());
        o.put("authorized", r.authorized());
        o.put("chunks_sent", r.chunksSent());
        o.put("bytes_sent", r.bytesSent());
        o.put("completed", r.completed());
        o.put("cancelled", r.cancelled());
        o.put("failed", r.failed());
        o.put("received_at_nanos", r.receivedAtNanos());
        o.put("first_byte_at_nanos", r.firstByteAtNanos());
        o.put("last_write_at_nanos", r.lastWriteAtNanos());
        o.put("closed_at_nanos", r.closedAtNanos());
        r.duration().ifPresent(d -> o.put("duration_ms", d.toNanos() / 1e6));
        r.closedAfterLastWrite().ifPresent(d -> o.put("closed_after_last_write_ms", d.toNanos() / 1e6));
        ObjectNode headers = o.putObject("headers");
        r.headers().forEach(headers::put);
        if (!r.body().isMissingNode()) {
            o.set("body", r.body());
        }
        return o;
    }
}
