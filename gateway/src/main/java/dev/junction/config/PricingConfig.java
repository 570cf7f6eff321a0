package dev.junction.config;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Prices of one endpoint in USD as the operator wrote them: per token for the token prices, per
 * request for {@code request}, per image for {@code image}, per search result for {@code web-search}.
 * Absent means free (zero). Cache prices default to the prompt price when absent.
 */
public record PricingConfig(
        BigDecimal prompt,
        BigDecimal completion,
        BigDecimal request,
        BigDecimal image,
        BigDecimal webSearch,
        Optional<BigDecimal> internalReasoning,
        Optional<BigDecimal> inputCacheRead,
        Optional<BigDecimal> inputCacheWrite) {

    public static final PricingConfig FREE = new PricingConfig(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
            BigDecimal.ZERO, BigDecimal.ZERO, Optional.empty(), Optional.empty(), Optional.empty());
}
