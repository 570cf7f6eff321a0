package dev.junction.teams;

/**
 * A guardrail refuses the request: 403 for a model or feature it does not allow, 402 when its spending limit is
 * reached. The message names the guardrail.
 */
public final class GuardrailRefusedException extends RuntimeException {
    private final int status;
    private final String guardrailId;

    GuardrailRefusedException(int status, Guardrail guardrail, String message) {
        super(message + " (guardrail '" + guardrail.name() + "', " + guardrail.id() + ")", null, false, false);
        this.status = status;
        this.guardrailId = guardrail.id();
    }

    public int status() {
        return status;
    }

    public String guardrailId() {
        return guardrailId;
    }
}
