package dev.junction.config;

/**
 * Money rules.
 *
 * @param enforceBalance refuse requests (402) whose worst case the account's credits cannot cover; when
 *                       false only keys' own limits are enforced (usage is still counted)
 */
public record AccountingConfig(boolean enforceBalance) {}
