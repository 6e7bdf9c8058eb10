package dev.hearth.gateway.support;

import dev.hearth.gateway.Main;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The gateway as a JVM of its own, started the way the launcher starts it, for tests of the whole process. */
public final class GatewayProcess {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private GatewayProcess() {
    }

    /** {@code java -Xmx128m -XX:+ExitOnOutOfMemoryError <jvmOptions> -cp <test class path> Main run -c config}. */
    public static List<String> command(Path config, String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "-c", config.toString()));
        return command;
    }

    /** {@code /health}'s status, -1 when it does not answer within 2 s. */
    public static int health(int port) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
