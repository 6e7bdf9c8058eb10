package dev.hearth.bench;

import dev.hearth.sim.net.FreePort;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One of the programs compared: each runs the benchmark's motion → light logic as its own process. */
sealed interface Subject permits Subject.Hearth, Subject.Floor, Subject.NodeRed, Subject.MqttJs {
    /** A JVM on one core also sizes its thread pools for one (a Pi-class projection, not only a pinned process). */
    String ONE_PROCESSOR = "-XX:ActiveProcessorCount=1";

    String label();

    /** Starts the process; it connects to {@code env.brokerUrl()} (or hosts the broker itself) on its own. */
    SubjectProcess start(Environment env, Workload workload, Path dir, boolean pinned) throws IOException;

    /** Where the subjects come from, and the broker they share. */
    record Environment(String brokerUrl, int brokerPort, Path gatewayJar, String floorClasspath, Path nodeRedHome,
                       boolean profile, JvmOptions jvm, List<String> hearthOptions) {
        /** Whether Hearth is stopped with SIGTERM (a JFR recording or a perf map is written on a clean exit). */
        boolean gracefulHearth() {
            return profile || !hearthOptions.isEmpty();
        }
    }

    /** The gateway, from its shaded jar, against the shared Mosquitto or with its embedded broker. */
    record Hearth(boolean embeddedBroker, int embeddedPort) implements Subject {
        @Override
        public String label() {
            return embeddedBroker ? "Hearth (embedded broker)" : "Hearth";
        }

        @Override
        public SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned) throws IOException {
            return start(env, w, dir, pinned, null);
        }

        /** With an uplink when {@code uplink} is not null. */
        SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned, HearthConfig.Uplink uplink) throws IOException {
            int httpPort = FreePort.loopback();
            Path config = HearthConfig.write(dir.resolve("config"), w, env.brokerUrl(), embeddedBroker ? embeddedPort : 0, httpPort, uplink);
            List<String> options = new ArrayList<>(List.of(JvmOptions.MAX_HEAP));
            if (pinned) options.add(ONE_PROCESSOR);
            if (env.profile()) {
                options.add("-XX:StartFlightRecording=filename=" + dir.resolve("hearth.jfr") + ",settings=profile,dumponexit=true");
            }
            options.addAll(env.hearthOptions());
            List<String> cmd = prefix(pinned);
            Map<String, String> environment = new HashMap<>();
            if (env.jvm().launcher().isPresent()) {
                cmd.add(env.jvm().launcher().get().toString());
                environment.put("JAVA_OPTS", String.join(" ", options));
                environment.put("JAVA_HOME", System.getProperty("java.home")); // the launcher runs the harness's JVM
            } else {
                cmd.add(java());
                cmd.addAll(options);
                cmd.addAll(List.of("-jar", env.gatewayJar().toAbsolutePath().toString()));
            }
            cmd.addAll(List.of("run", "-c", config.toString()));
            return SubjectProcess.start(label(), cmd, environment, dir, dir.resolve("hearth.log"), true)
                    .withReadiness(java.net.URI.create("http://127.0.0.1:" + httpPort + "/health")).gracefulStop(env.gracefulHearth());
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
            cmd.add(java());
            cmd.addAll(env.jvm().floor());
            if (pinned) cmd.add(ONE_PROCESSOR);
            cmd.addAll(List.of("-cp", env.floorClasspath(), FloorMapper.class.getName(), env.brokerUrl(), Integer.toString(w.qos())));
            return SubjectProcess.start(label(), cmd, env.jvm().environment(), dir, dir.resolve("floor.log"), true);
        }
    }

    /**
     * Node-RED 4 from the cache directory run.sh installed it into, with the flow of {@link NodeRedFlow}: as installed,
     * or {@code tuned} (Nagle off, see {@link NodeRedFlow#NO_DELAY}).
     */
    record NodeRed(int httpPort, boolean tuned) implements Subject {
        @Override
        public String label() {
            return tuned ? Report.NODE_RED_TUNED : Report.NODE_RED;
        }

        @Override
        public SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned) throws IOException {
            Path userDir = dir.resolve("node-red");
            NodeRedFlow.write(userDir, env.brokerPort(), httpPort, w.qos(), tuned);
            Path red = env.nodeRedHome().resolve("node_modules/node-red/red.js").toAbsolutePath();
            List<String> cmd = prefix(pinned);
            cmd.addAll(List.of("node", red.toString(), "--userDir", userDir.toString(),
                    "--settings", userDir.resolve("settings.js").toString()));
            return SubjectProcess.start(label(), cmd, Map.of(), dir, dir.resolve("node-red.log"), false);
        }
    }

    /** Node-RED's MQTT library alone (npm {@code mqtt} from the same install) doing the mapping: see {@link MqttJsMapper}. */
    record MqttJs() implements Subject {
        @Override
        public String label() {
            return Report.MQTT_JS;
        }

        @Override
        public SubjectProcess start(Environment env, Workload w, Path dir, boolean pinned) throws IOException {
            Path script = MqttJsMapper.write(dir.resolve("mqttjs"));
            List<String> cmd = prefix(pinned);
            cmd.addAll(List.of("node", script.toAbsolutePath().toString(), Integer.toString(env.brokerPort()), Integer.toString(w.qos())));
            Map<String, String> environment = Map.of("NODE_PATH", env.nodeRedHome().resolve("node_modules").toAbsolutePath().toString());
            return SubjectProcess.start(label(), cmd, environment, dir, dir.resolve("mqttjs.log"), false);
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
