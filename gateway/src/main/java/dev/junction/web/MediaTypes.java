package dev.junction.web;

/** The media type of a dashboard file, by its extension; UTF-8 for text, which is all the dashboard has but icons. */
final class MediaTypes {
    private MediaTypes() {}

    static String of(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> throw new IllegalArgumentException("the dashboard serves no ." + extension + " files: " + name);
        };
    }
}
