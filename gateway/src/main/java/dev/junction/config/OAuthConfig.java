package dev.junction.config;

/**
 * The OAuth flow through which apps obtain keys ({@code /auth}, {@code POST /api/v1/auth/keys/code}).
 *
 * @param requirePkce refuse codes without a {@code code_challenge}: without PKCE, anyone who intercepts the
 *                    code on its way back to the app (a logged redirect, a hostile browser extension) can
 *                    exchange it for a key. OpenRouter recommends it; off only for apps that cannot do PKCE.
 */
public record OAuthConfig(boolean requirePkce) {}
