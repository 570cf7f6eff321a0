package dev.junction.routing;

import dev.junction.providers.UpstreamFailure;

/** One attempt of a plan, why it failed, and how long it took to fail. */
public record AttemptFailure(Attempt attempt, UpstreamFailure failure, long latencyMillis) {}
