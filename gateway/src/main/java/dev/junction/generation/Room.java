package dev.junction.generation;

import dev.junction.accounting.CreditLedger;
import dev.junction.accounting.GenerationSink;
import dev.junction.config.ProviderConfig;
import dev.junction.providers.Provider;
import dev.junction.routing.EndpointHealth;
import dev.junction.routing.FallbackExecutor;

import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What every generation of one event loop works with: the ledger its hold is settled in, where its record
 * goes, the fallback loop, the health it feeds, the providers of this event loop, and a nanosecond clock
 * for its timings, and the listener that follows each generation for metrics and traces.
 */
record Room(CreditLedger ledger, GenerationSink sink, FallbackExecutor executor, EndpointHealth health,
            Function<ProviderConfig, Provider> providers, LongSupplier nanos, GenerationListener listener,
            java.util.Optional<dev.junction.search.WebSearches> webSearches) {}
