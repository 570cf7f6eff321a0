package dev.junction.readme;

import java.util.ArrayList;
import java.util.List;

/** The fenced {@code ```bash} blocks of one {@code ## } section of a Markdown page, in order. */
final class ShellBlocks {
    private ShellBlocks() {}

    static List<String> of(String markdown, String heading) {
        List<String> lines = markdown.lines().toList();
        int start = lines.indexOf("## " + heading);
        if (start < 0) {
            throw new AssertionError("README.md has no section '## " + heading + "'");
        }
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        boolean fenced = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!fenced && line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("```")) {
                if (fenced && block != null) {
                    blocks.add(block.toString());
                }
                block = !fenced && line.strip().equals("```bash") ? new StringBuilder() : null;
                fenced = !fenced;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
