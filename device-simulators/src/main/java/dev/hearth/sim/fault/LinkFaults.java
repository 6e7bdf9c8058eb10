package dev.hearth.sim.fault;

import dev.hearth.sim.mqtt.SimClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Cuts a client's link through its proxy so the broker sees a dead device and publishes the will. */
final class LinkFaults {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final TcpProxy proxy;
    private final SimClient client;

    LinkFaults(TcpProxy proxy, SimClient client) {
        this.proxy = proxy;
        this.client = client;
    }

    /** The device stays unreachable until the injector is closed. */
    List<String> offline() {
        proxy.refuseConnections(true);
        proxy.sever();
        return List.of("cut the link of " + client.clientId() + "; it stays offline");
    }

    List<String> flap(int times, Duration pause) {
        List<String> done = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
            int before = client.connectCount();
            proxy.refuseConnections(true);
            proxy.sever();
            pause(pause);
            proxy.refuseConnections(false);
            boolean back = awaitReconnect(before);
            done.add("flap " + i + ": link cut, " + (back ? "reconnected" : "not back within " + TIMEOUT));
            pause(pause);
        }
        return done;
    }

    private boolean awaitReconnect(int before) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (client.connectCount() > before && client.isConnected()) {
                return true;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        return false;
    }

    private static void pause(Duration pause) {
        LockSupport.parkNanos(pause.toNanos());
    }
}
