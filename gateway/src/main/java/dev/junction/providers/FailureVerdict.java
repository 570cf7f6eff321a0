package dev.junction.providers;

/**
 * Everything that follows from one kind of upstream failure, decided once in {@link FailureVerdicts}: whether
 * the plan moves on, what HTTP status the client is told, OpenRouter's {@code error_type}, and whether it
 * counts against the endpoint's health.
 *
 * @param clientStatus the status the client sees when this failure is the last one
 * @param outage       whether the endpoint itself failed (its uptime counts it); not so for the caller's
 *                     own mistakes, rate limits, a blocked prompt, a cancelled call or an inexpressible request
 */
public record FailureVerdict(FailureClass next, int clientStatus, String errorType, boolean outage) {}
