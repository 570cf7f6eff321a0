package dev.junction.search;

import dev.junction.money.Money;

/**
 * Junction's own web search as one event loop has it: the backends to ask and the price billed per result a
 * prompt received.
 */
public record WebSearches(SearchBackends backends, Money pricePerResult) {}
