package dev.hearth.gateway;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** One version string: {@code hearth --version} prints the Maven project's version and the Java runtime. */
class VersionTest {

    @Test
    void versionIsTheProjectVersionAndNamesTheJavaRuntime() throws Exception {
        StringWriter out = new StringWriter();
        int status = Main.execute(new String[]{"--version"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of());

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Hearth " + projectVersion() + System.lineSeparator())
                .contains("Java " + System.getProperty("java.runtime.version"));
    }

    /** The gateway module's own version in its pom.xml (the parent's, which every module shares). */
    private static String projectVersion() throws Exception {
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
