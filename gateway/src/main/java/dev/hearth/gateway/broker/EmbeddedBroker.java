package dev.hearth.gateway.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HiveMQ CE running inside the gateway's JVM, for the demo, tests and homes without a broker.
 * Bound to 127.0.0.1 unless configured otherwise; no usage statistics; our logging, not HiveMQ's;
 * clients authenticate when credentials are configured ({@link BrokerAuthentication}).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final EmbeddedHiveMQ hivemq;
    private final BrokerSettings settings;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, BrokerSettings settings) {
        this.hivemq = hivemq;
        this.settings = settings;
    }

    /** Starts the broker with its files under {@code home}; blocks until it accepts connections. */
    public static EmbeddedBroker start(BrokerSettings settings, Path home) {
        Path conf = home.resolve("conf");
        Path data = home.resolve("data");
        Path extensions = home.resolve("extensions");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(data);
            Files.createDirectories(extensions);
            Files.writeString(conf.resolve("config.xml"), configXml(settings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare embedded broker directory " + home, e);
        }
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(authentication(settings))
                .withoutLoggingBootstrap()
                .build();
        try {
            hivemq.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hivemq);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("embedded broker could not start on " + settings.hostPort()
                    + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(hivemq);
            throw new IllegalStateException("interrupted while starting the embedded broker", e);
        }
        log.info("Embedded MQTT broker listening on {}", settings.hostPort());
        return new EmbeddedBroker(hivemq, settings);
    }

    public String url() {
        return settings.url();
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Embedded broker did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(hivemq);
        log.info("Embedded MQTT broker stopped");
    }

    private static void closeQuietly(EmbeddedHiveMQ hivemq) {
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            log.debug("Closing embedded broker: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static EmbeddedExtension authentication(BrokerSettings settings) {
        return EmbeddedExtension.builder()
                .withId("hearth-authentication")
                .withName("Hearth authentication")
                .withVersion("1")
                .withPriority(1000)
                .withStartPriority(1000)
                .withAuthor("Hearth")
                .withExtensionMain(new BrokerAuthentication(settings.username(), settings.password()))
                .build();
    }

    static String configXml(BrokerSettings s) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(s.port(), xmlText(s.bind()));
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
