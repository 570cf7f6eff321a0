package dev.junction.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a load goes: one of the benchmark's arms (direct to the mock, through Junction, through
 * nginx), with the path and headers that arm needs for a given kind of request.
 */
public record Target(String arm, String host, int port, String path, Map<String, String> headers) {

    /** The complete bytes of {@code POST path} with a JSON body, rendered once and sent many times. */
    public byte[] post(String jsonBody) {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Content-Type: application/json\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    public String url() {
        return "http://" + host + ":" + port + path;
    }
}
