package dev.hearth.gateway.broker;

import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the embedded broker: on the class path (the build's tests, {@code java -cp hearth.jar:hearth-broker.jar}), or
 * else in {@code hearth-broker.jar} beside the jar holding this class, opened by a class loader of its own the first
 * time a configuration asks for the broker. The launcher leaves that jar off the class path because the JDK keeps the
 * central directory of every class-path jar it opens on the heap (1.5 MiB for the broker's 15,000 entries), and any
 * lookup the first jars cannot answer (a service, a resource) opens the next: a home with its own broker paid for it.
 */
final class BrokerJar {
    static final String FILE = "hearth-broker.jar";

    private BrokerJar() {
    }

    /** The installed broker and the class loader its classes come from. */
    record Found(EmbeddedBrokers brokers, ClassLoader loader) {
    }

    static Optional<Found> find() {
        ClassLoader own = EmbeddedBrokers.class.getClassLoader();
        Optional<EmbeddedBrokers> onClassPath = ServiceLoader.load(EmbeddedBrokers.class, own).findFirst();
        if (onClassPath.isPresent()) return Optional.of(new Found(onClassPath.get(), own));
        return Beside.LOADER.flatMap(loader ->
                ServiceLoader.load(EmbeddedBrokers.class, loader).findFirst().map(brokers -> new Found(brokers, loader)));
    }

    /** One loader per process, opened on first use: each start of the broker (verify runs several) shares its classes. */
    private static final class Beside {
        static final Optional<ClassLoader> LOADER = jar().map(Beside::open);

        private static Optional<Path> jar() {
            try {
                URL location = EmbeddedBrokers.class.getProtectionDomain().getCodeSource().getLocation();
                Path jar = Path.of(location.toURI()).resolveSibling(FILE);
                return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
            } catch (URISyntaxException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static ClassLoader open(Path jar) {
            try {
                return new URLClassLoader("hearth-broker", new URL[]{jar.toUri().toURL()}, EmbeddedBrokers.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(jar + ": " + e.getMessage(), e);
            }
        }
    }
}
