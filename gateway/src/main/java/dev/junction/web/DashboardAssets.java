package dev.junction.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Every file of the dashboard, by the path it is served at, read from the jar once at start: serving then never
 * touches the file system on an event loop. The dashboard's own files are listed here (a file left off this list is
 * not served, so nothing in the resource folder leaks by accident); third-party libraries come from their WebJars.
 */
public final class DashboardAssets {
    /** Where the dashboard is served; the pages link to each other under it. */
    public static final String BASE = "/dashboard";

    private static final String OWN = "dev/junction/web/dashboard/";
    private static final List<String> OWN_FILES = List.of(
            "index.html", "app.css", "favicon.svg",
            "js/main.js", "js/api.js", "js/dom.js", "js/format.js", "js/session.js", "js/pkce.js", "js/chart.js",
            "js/sse.js", "js/page-signin.js", "js/page-overview.js", "js/page-activity.js", "js/page-generations.js",
            "js/page-generation.js", "js/page-keys.js", "js/page-models.js", "js/page-playground.js",
            "js/page-health.js");
    /** uPlot (MIT), the charts: its ES module build and its stylesheet. */
    private static final String UPLOT = "META-INF/resources/webjars/uplot/%s/dist/";
    private static final String UPLOT_VERSION = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final List<String> UPLOT_FILES = List.of("uPlot.esm.js", "uPlot.min.css");

    /** A file's bytes, its media type and an entity tag (a digest of the bytes, for conditional requests). */
    public record Asset(byte[] bytes, String contentType, String etag) {}

    private final Map<String, Asset> byPath;

    private DashboardAssets(Map<String, Asset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Reads every file; fails at start, not at the first visit, when one is missing from the jar. */
    public static DashboardAssets load() {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String file : OWN_FILES) {
            assets.put(BASE + "/" + file, asset(loader, OWN + file));
        }
        String uplot = UPLOT.formatted(webJarVersion(loader, UPLOT_VERSION));
        for (String file : UPLOT_FILES) {
            assets.put(BASE + "/vendor/" + file, asset(loader, uplot + file));
        }
        // The page itself answers at the base path, with or without the trailing slash.
        assets.put(BASE, assets.get(BASE + "/index.html"));
        return new DashboardAssets(assets);
    }

    /** The file served at {@code path}, if there is one. */
    public Optional<Asset> find(String path) {
        String normalised = path.length() > BASE.length() && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Optional.ofNullable(byPath.get(normalised));
    }

    /** The dashboard's own files, as listed (tests check the list against the resource folder). */
    public static List<String> ownFiles() {
        return OWN_FILES;
    }

    private static Asset asset(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's file " + resource + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(bytes, MediaTypes.of(resource), etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard's file " + resource, e);
        }
    }

    /** The version of a WebJar on the class path, so that bumping it in the POM needs no change here. */
    private static String webJarVersion(ClassLoader loader, String properties) {
        try (InputStream in = loader.getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("WebJar metadata " + properties + " is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties, e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
