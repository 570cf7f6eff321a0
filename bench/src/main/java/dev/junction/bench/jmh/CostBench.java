package dev.junction.bench.jmh;

import dev.junction.accounting.Cost;
import dev.junction.accounting.CostCalculator;
import dev.junction.accounting.TokenUsage;
import dev.junction.catalog.Pricing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Cost computation: exact pico-dollar cost of a generation from the endpoint's prices. */
@State(Scope.Benchmark)
public class CostBench {
    private final Pricing simple = Fixtures.catalog().model("bench/fast").orElseThrow().endpoints().getFirst().pricing();
    private final Pricing detailed = Fixtures.catalog().model("bench/other").orElseThrow().endpoints().getFirst().pricing();
    private final TokenUsage usage = new TokenUsage(1200, 350, 800, 0, 120, false);

    @Benchmark
    public Cost simplePricing() {
        return CostCalculator.cost(simple, usage, 0, 0);
    }

    /** Cache-read and reasoning prices set: every branch of the calculation taken. */
    @Benchmark
    public Cost detailedPricing() {
        return CostCalculator.cost(detailed, usage, 1, 0);
    }
}
