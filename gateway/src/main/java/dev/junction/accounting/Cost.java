package dev.junction.accounting;

import dev.junction.money.Money;

/**
 * An exact charge and how it splits: the input side (prompt, cache reads and writes, images), the
 * output side (completion and reasoning), and the flat per-request and web-search fees.
 *
 * @param serverTools the part of {@code fees} that paid for server-side tools (web searches), reported as
 *                    {@code cost_details.server_tool_cost}; not stored apart (a stored cost reads back zero here)
 */
public record Cost(Money prompt, Money completion, Money fees, Money serverTools) {
    public static final Cost ZERO = new Cost(Money.ZERO, Money.ZERO, Money.ZERO);

    public Cost(Money prompt, Money completion, Money fees) {
        this(prompt, completion, fees, Money.ZERO);
    }

    public Money total() {
        return prompt.plus(completion).plus(fees);
    }
}
