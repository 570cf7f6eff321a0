package dev.junction.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimMainTest {

    @Test
    void printsTheReadyLineAndServesTheScriptFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("script.json");
        Files.writeString(script, "{\"models\":{\"demo\":{\"reply\":\"scripted hello\"}}}");
        var main = new SimMain();
        var captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(main).execute("--port", "0", "--script", script.toString());
        } finally {
            System.setOut(stdout);
        }
        try {
            assertThat(exit).isZero();
            String out = captured.toString(StandardCharsets.UTF_8);
            assertThat(out).matches("sim listening on http://127\\.0\\.0\\.1:\\d+/v1\\R");
            String baseUrl = out.strip().substring("sim listening on ".length());

            try (var http = HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"demo\",\"messages\":[]}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).contains("scripted hello");
                assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/models")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("\"demo\"", "\"sim-echo\"");
            }
        } finally {
            main.stop();
        }
    }

    @Test
    void rejectsAnInvalidScriptFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("bad.json");
        Files.writeString(script, "{\"default\":{\"reply_tokens\":-1}}");
        var err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new SimMain()).execute("--script", script.toString());
        } finally {
            System.setErr(stderr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("reply_tokens must be >= 0");
    }
}
