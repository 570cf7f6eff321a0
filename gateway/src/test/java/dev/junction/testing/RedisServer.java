package dev.junction.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static dev.junction.testing.Poll.until;

/** A private {@code redis-server} for tests that stop and restart it: nothing saved, so a restart comes back empty. */
public final class RedisServer {
    private RedisServer() {}

    /** Starts one on {@code port} and returns once it answers PING. */
    public static Process start(int port) {
        try {
            Process p = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            until("redis-server on port " + port, () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("redis-server exited with " + p.exitValue());
                }
                return pong(port);
            });
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean pong(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
