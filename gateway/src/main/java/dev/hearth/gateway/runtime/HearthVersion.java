package dev.hearth.gateway.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Hearth's one version string: the Maven project version, which the build writes into {@code version.properties}. */
public final class HearthVersion {
    private static final String RESOURCE = "version.properties";

    private HearthVersion() {
    }

    public static String version() {
        try (InputStream in = HearthVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code hearth --version} prints: Hearth's version and the Java runtime it runs on. */
    public static String[] describe() {
        return new String[] {
                "Hearth " + version(),
                "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ") on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
