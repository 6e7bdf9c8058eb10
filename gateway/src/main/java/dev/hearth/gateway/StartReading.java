package dev.hearth.gateway;

import dev.hearth.gateway.automation.load.AutomationLoader;
import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.config.ConfigLoader;
import dev.hearth.gateway.config.GatewayConfig;
import dev.hearth.gateway.yaml.YamlDocument;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the configuration of the gateway's own start on both cores of a Pi-class box: {@code devices.yaml} is parsed
 * on a thread of its own from the start, beside {@code gateway.yaml}; as soon as that proved valid, what needs only it
 * begins, each on a thread of its own, while the devices are read: the {@link GatewayRuntime} (meters, Vert.x) and the
 * automation files' YAML (which needs no devices). Nothing of it touches the disk but to read: if the configuration turns out wrong, the runtime is
 * closed and nothing was started.
 */
final class StartReading {
    private CompletableFuture<GatewayRuntime> runtime;
    private CompletableFuture<AutomationLoader.Sources> automations;

    /** Configuration and automations, validated together as {@link Main#load} does. */
    Main.Loaded read(Path config, Map<String, String> env) throws ConfigException {
        // devices.yaml (the longest file, ~0.3 s of SnakeYAML on a cold JVM for 1,000 devices) is parsed from the first instant.
        CompletableFuture<YamlDocument.Parsed> devices = CompletableFuture.supplyAsync(
                () -> YamlDocument.Parsed.read(ConfigLoader.devicesFile(config)), task -> new Thread(task, "hearth-devices-read").start());
        try {
            GatewayConfig gateway = new ConfigLoader(env).load(config, this::begin, devices::join);
            AutomationLoader.Sources sources = automations == null
                    ? AutomationLoader.Sources.read(gateway.automationsDir()) : automations.join();
            // The files' texts and YAML trees (~4 MiB for 500 automations) are not kept: this object lives as long as the gateway.
            automations = null;
            return new Main.Loaded(gateway, gateway.automationLoader().loadAll(sources));
        } catch (ConfigException | RuntimeException | Error e) {
            if (runtime != null) GatewayRuntime.discard(runtime);
            throw e;
        }
    }

    /** The runtime begun when {@code gateway.yaml} was read; taken over by {@link Gateway#start}. */
    CompletableFuture<GatewayRuntime> runtime(GatewayConfig config) {
        return runtime != null ? runtime : GatewayRuntime.prepare(config.id());
    }

    /** The runtime begun beside the reading, if {@code gateway.yaml} was valid (empty otherwise). */
    Optional<CompletableFuture<GatewayRuntime>> begun() {
        return Optional.ofNullable(runtime);
    }

    private void begin(ConfigLoader.GatewayFileRead gateway) {
        runtime = GatewayRuntime.prepare(gateway.id());
        automations = CompletableFuture.supplyAsync(() -> AutomationLoader.Sources.read(gateway.automationsDir()),
                task -> new Thread(task, "hearth-automations-read").start());
    }
}
