package dev.junction.bench.jmh;

import dev.junction.keys.ApiKey;
import dev.junction.keys.StaticKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Optional;

/** API-key authentication as every request pays it: SHA-256 of the presented key, lookup, constant-time compare. */
@State(Scope.Benchmark)
public class AuthBench {
    private final StaticKeys keys = new StaticKeys(Fixtures.config().keys());

    @Benchmark
    public Optional<ApiKey> authenticate() {
        return keys.authenticate(Fixtures.KEY);
    }
}
