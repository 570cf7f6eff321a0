package dev.junction.sim.engine;

import dev.junction.sim.SimScript;

/** The scripted delay between streamed pieces. */
public final class Pace {
    private Pace() {
    }

    public static long intervalNanos(SimScript script) {
        if (script.chunkIntervalMs().isPresent()) {
            return script.chunkIntervalMs().getAsInt() * 1_000_000L;
        }
        if (script.tokensPerSecond().isPresent()) {
            return Math.round(1e9 / script.tokensPerSecond().getAsDouble());
        }
        return 0;
    }
}
