package dev.junction.providers.anthropic;

/**
 * Tool-call ids across the two dialects. Claude's own ids ({@code toolu_…}) pass through both ways unchanged;
 * an id minted elsewhere (another provider earlier in the conversation) may hold characters Anthropic refuses
 * ({@code ^[a-zA-Z0-9_-]+$}), so they are replaced — the same way in {@code tool_use} and {@code tool_result}, so
 * the pair still matches.
 */
final class ToolIds {
    private ToolIds() {}

    static String anthropic(String id) {
        if (id.isEmpty()) {
            return "toolu_missing";
        }
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(allowed ? c : '_');
        }
        return out.toString();
    }
}
