package dev.junction.generation;

import dev.junction.accounting.Cost;
import dev.junction.accounting.TokenUsage;

/**
 * What a generation was billed: the tokens counted and their exact cost.
 *
 * @param byok whether the endpoint that served was called with the account's own provider key (BYOK)
 */
public record Settlement(TokenUsage usage, Cost cost, boolean byok) {
    /** Nothing produced, nothing billed. */
    public static final Settlement NONE = new Settlement(TokenUsage.NONE, Cost.ZERO, false);

    /** Billed through the gateway's own provider key. */
    public Settlement(TokenUsage usage, Cost cost) {
        this(usage, cost, false);
    }
}
