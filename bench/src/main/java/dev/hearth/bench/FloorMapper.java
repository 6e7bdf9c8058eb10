package dev.hearth.bench;

import java.util.concurrent.CountDownLatch;

/**
 * The floor: a bare Paho client applying {@link Mapping} on its callback thread, no framework.
 * Run as its own JVM, like the gateway: {@code java -cp hearth-bench.jar dev.hearth.bench.FloorMapper <url> <qos>},
 * subscribing and answering with the workload's QoS.
 */
public final class FloorMapper {
    private FloorMapper() {
    }

    public static void main(String[] args) throws Exception {
        Mapping mapping = new Mapping();
        int qos = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        MqttPort[] port = new MqttPort[1];
        CountDownLatch connected = new CountDownLatch(1);
        port[0] = MqttPort.connect(args[0], "bench-floor", (topic, payload) -> {
            awaitQuietly(connected);
            Mapping.Command c = mapping.onState(topic, payload);
            if (c != null) port[0].publish(c.topic(), c.payload(), qos);
        });
        connected.countDown();
        port[0].subscribe(Workload.stateFilter(), qos);
        System.out.println("floor ready");
        Runtime.getRuntime().addShutdownHook(new Thread(port[0]::close));
        Thread.currentThread().join();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
