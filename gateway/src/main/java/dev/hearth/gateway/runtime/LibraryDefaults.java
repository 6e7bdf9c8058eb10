package dev.hearth.gateway.runtime;

import java.util.Map;

/**
 * System properties that keep Netty and Vert.x from loading parts a gateway never uses: every class loaded stays
 * resident (in metaspace or the class archive), and on a Pi-class box that is most of the process's memory. Set
 * before either library initialises; a value the user gave ({@code -D…}, {@code JAVA_OPTS}) wins.
 */
public final class LibraryDefaults {
    /**
     * {@code io.netty.jfr.enabled}: Netty 4.2 registers JFR events for its buffer allocator on the first allocation,
     * ~100 JDK Flight Recorder classes and generated event handlers that no class archive holds; the events are off in
     * JFR's own settings anyway (a recording of the gateway still works, without Netty's buffer events).
     * {@code vertx.disableDnsResolver}: Vert.x's asynchronous DNS client (~60 classes and a cache) resolves only the
     * dashboard's listen address here, which the JDK's resolver does as well; the MQTT links are Paho's own sockets.
     */
    static final Map<String, String> PROPERTIES = Map.of(
            "io.netty.jfr.enabled", "false",
            "vertx.disableDnsResolver", "true");

    private LibraryDefaults() {
    }

    /** Sets each property that is not set yet. */
    public static void apply() {
        PROPERTIES.forEach((key, value) -> {
            if (System.getProperty(key) == null) System.setProperty(key, value);
        });
    }
}
