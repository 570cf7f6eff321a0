package dev.junction.routing;

import dev.junction.catalog.Endpoint;

import java.util.function.Predicate;

/**
 * A requirement on endpoints from outside the request itself — a guardrail's — applied with the request's own
 * rules, so that an empty result names it.
 *
 * @param reason why an endpoint it removes is excluded, e.g. "provider denied by guardrail 'eu-only'"
 * @param keep   whether an endpoint passes
 */
public record EndpointRule(String reason, Predicate<Endpoint> keep) {}
