package dev.junction.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest names; a build run from classes (tests, an IDE) says so instead. */
final class JunctionVersion implements IVersionProvider {
    static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "(development build)";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"junction " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
