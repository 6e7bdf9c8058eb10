package dev.hearth.bench;

import dev.hearth.sim.net.FreePort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One of the programs compared: each runs the benchmark's motion → light logic as its own process. */
sealed interface Subject permits Subject.Hearth, Subject.Floor, Subject.NodeRed {
    /** The heap every JVM subject gets, as on a Pi-class box. */
    String MAX_HEAP = "-Xmx64m";

    String label();

    /** Starts the process; it connects to {@code env.brokerUrl()} (or hosts the broker itself) on its own. */
    SubjectProcess start(Environment env, Workload workload, Path dir, boolean pinned) throws IOException;

    /** Where the subjects come from, and the broker they share. */
    record Environment(String brokerUrl, int brokerPort, Path gatewayJar, String floorClasspath, Path nodeRedHome,
                       boolean profile) {
    }

    /** The gateway, from its shaded jar, against the shared Mosquitto or with its embedded broker. */
    record Hearth(boolean embeddedBroker, int embeddedPort) implements Subject {
        @Override
        public String label() {
            return embeddedBroker ? "Hearth (embedded broker)" : "Hearth";
        }

        @Override
        public SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned) throws IOException {
            int httpPort = FreePort.loopback();
            Path config = HearthConfig.write(dir.resolve("config"), w, env.brokerUrl(), embeddedBroker ? embeddedPort : 0, httpPort);
            List<String> cmd = prefix(pinned);
            cmd.addAll(List.of(java(), MAX_HEAP));
            if (env.profile()) {
                cmd.add("-XX:StartFlightRecording=filename=" + dir.resolve("hearth.jfr") + ",settings=profile,dumponexit=true");
            }
            cmd.addAll(List.of("-jar", env.gatewayJar().toAbsolutePath().toString(), "run", "-c", config.toString()));
            return SubjectProcess.start(label(), cmd, dir, dir.resolve("hearth.log"), true)
                    .withReadiness(java.net.URI.create("http://127.0.0.1:" + httpPort + "/health"));
        }
    }

    /** A bare Paho client doing the mapping by hand: what the broker and client library cost alone. */
    record Floor() implements Subject {
        @Override
        public String label() {
            return "floor";
        }

        @Override
        public SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned) throws IOException {
            List<String> cmd = prefix(pinned);
            cmd.addAll(List.of(java(), MAX_HEAP, "-cp", env.floorClasspath(),
                    FloorMapper.class.getName(), env.brokerUrl()));
            return SubjectProcess.start(label(), cmd, dir, dir.resolve("floor.log"), true);
        }
    }

    /** Node-RED 4 from the cache directory run.sh installed it into, with the flow of {@link NodeRedFlow}. */
    record NodeRed(int httpPort) implements Subject {
        @Override
        public String label() {
            return "Node-RED";
        }

        @Override
        public SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned) throws IOException {
            Path userDir = dir.resolve("node-red");
            NodeRedFlow.write(userDir, env.brokerPort(), httpPort);
            Path red = env.nodeRedHome().resolve("node_modules/node-red/red.js").toAbsolutePath();
            List<String> cmd = prefix(pinned);
            cmd.addAll(List.of("node", red.toString(), "--userDir", userDir.toString(),
                    "--settings", userDir.resolve("settings.js").toString()));
            return SubjectProcess.start(label(), cmd, dir, dir.resolve("node-red.log"), false);
        }
    }

    private static List<String> prefix(boolean pinned) {
        List<String> cmd = new ArrayList<>();
        if (pinned) cmd.addAll(List.of("taskset", "-c", "0"));
        return cmd;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
