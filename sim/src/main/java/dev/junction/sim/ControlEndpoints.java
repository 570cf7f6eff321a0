package dev.junction.sim;

import dev.junction.sim.engine.Json;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /sim/stats}, {@code /sim/requests} and {@code /sim/reset}: for people and out-of-process benchmarks. */
final class ControlEndpoints {
    private final SimStats stats;

    ControlEndpoints(SimStats stats) {
        this.stats = stats;
    }

    void handle(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.GET) && path.equals("/sim/stats")) {
            json(request, 200, summary());
        } else if (method.equals(HttpMethod.GET) && path.equals("/sim/requests")) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            stats.requests().forEach(r -> array.add(RecordJson.write(r)));
            json(request, 200, array);
        } else if (method.equals(HttpMethod.POST) && path.equals("/sim/reset")) {
            stats.reset();
            json(request, 200, Json.MAPPER.createObjectNode().put("reset", true));
        } else {
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.putObject("error")
                    .put("message", "Invalid URL (" + method + " " + path + ")")
                    .put("type", "invalid_request_error")
                    .putNull("param")
                    .putNull("code");
            json(request, 404, error);
        }
    }

    private ObjectNode summary() {
        List<SimRequestRecord> records = stats.requests();
        var byStatus = new TreeMap<String, Integer>();
        long bytes = 0;
        int inFlight = 0;
        int completed = 0;
        int cancelled = 0;
        int failed = 0;
        for (SimRequestRecord r : records) {
            byStatus.merge(Integer.toString(r.status()), 1, Integer::sum);
            bytes += r.bytesSent();
            inFlight += r.closed() ? 0 : 1;
            completed += r.completed() ? 1 : 0;
            cancelled += r.cancelled() ? 1 : 0;
            failed += r.failed() ? 1 : 0;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("requests", stats.count());
        o.put("kept", records.size());
        o.put("in_flight", inFlight);
        o.put("completed", completed);
        o.put("cancelled", cancelled);
        o.put("failed", failed);
        o.put("bytes_sent", bytes);
        ObjectNode statuses = o.putObject("by_status");
        byStatus.forEach(statuses::put);
        return o;
    }

    private static void json(HttpServerRequest request, int status, tools.jackson.databind.JsonNode body) {
        request.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(Json.buffer(body));
    }
}
