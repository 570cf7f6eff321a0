package dev.junction.bench.jmh;

import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.RequestParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/** Request parse: bytes → validated {@link ClientRequest}, as every completion request pays it. */
@State(Scope.Benchmark)
public class RequestParseBench {
    private final RequestParser parser = new RequestParser(Optional.empty());

    /** The small chat request of the load tests (~190 bytes). */
    @Benchmark
    public ClientRequest small() {
        return parser.parse(Fixtures.CHAT_REQUEST, ApiKind.CHAT);
    }

    /** A 20-turn agent conversation with tools and a fallback model (~4 KB). */
    @Benchmark
    public ClientRequest conversation() {
        return parser.parse(Fixtures.CONVERSATION_REQUEST, ApiKind.CHAT);
    }
}
