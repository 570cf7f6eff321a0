package dev.junction.accounting;

import dev.junction.money.Money;

/**
 * An exact charge and how it splits: the input side (prompt, cache reads and writes, images), the
 * output side (completion and reasoning), and the flat per-request and web-search fees.
 */
public record Cost(Money prompt, Money completion, Money fees) {
    public static final Cost ZERO = new Cost(Money.ZERO, Money.ZERO, Money.ZERO);

    public Money total() {
        return prompt.plus(completion).plus(fees);
    }
}
