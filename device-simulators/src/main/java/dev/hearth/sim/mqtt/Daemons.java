package dev.hearth.sim.mqtt;

import java.util.concurrent.ThreadFactory;

/** Named daemon threads, so a forgotten client never keeps a JVM alive. */
public final class Daemons {
    private Daemons() {
    }

    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
