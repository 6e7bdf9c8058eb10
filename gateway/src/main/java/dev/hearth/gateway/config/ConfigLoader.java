package dev.hearth.gateway.config;

import dev.hearth.gateway.device.DevicesFileReader;
import dev.hearth.gateway.yaml.ConfigException;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.SecretReader;
import dev.hearth.gateway.yaml.YamlDocument;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.home.Locals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Loads {@code gateway.yaml}, {@code devices.yaml} and the optional {@code helpers.yaml} and {@code people.yaml} from a
 * configuration directory. Relative paths
 * inside them are resolved against that directory. Either everything is valid, or a
 * {@link ConfigException} lists every problem: nothing starts half-configured.
 */
public final class ConfigLoader {
    public static final String GATEWAY_FILE = "gateway.yaml";
    public static final String DEVICES_FILE = "devices.yaml";

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Where {@code devices.yaml} is in a configuration directory. */
    public static Path devicesFile(Path configDir) {
        return configDir.resolve(DEVICES_FILE);
    }

    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv());
    }

    /** What a start can begin with once {@code gateway.yaml} is read: the gateway's id and where its automations are. */
    public record GatewayFileRead(String id, Path automationsDir) {
    }

    public GatewayConfig load(Path configDir) throws ConfigException {
        return load(configDir, read -> { });
    }

    /**
     * As {@link #load(Path)}; {@code gatewayFileRead} is called as soon as {@code gateway.yaml} proved valid, before
     * {@code devices.yaml} is read, so that what needs only that can be done meanwhile. It is not called when
     * {@code gateway.yaml} has problems; the load may still fail later, on {@code devices.yaml}.
     */
    public GatewayConfig load(Path configDir, Consumer<GatewayFileRead> gatewayFileRead) throws ConfigException {
        return load(configDir, gatewayFileRead, () -> YamlDocument.Parsed.read(devicesFile(configDir)));
    }

    /**
     * As {@link #load(Path, Consumer)}, with {@code devices.yaml} parsed by {@code devicesFile} (which may have begun
     * parsing it on another thread, since its path does not depend on {@code gateway.yaml}): asked for once
     * {@code gateway.yaml} is read.
     */
    public GatewayConfig load(Path configDir, Consumer<GatewayFileRead> gatewayFileRead, Supplier<YamlDocument.Parsed> devicesFile)
            throws ConfigException {
        Problems problems = new Problems();
        Path gatewayPath = configDir.resolve(GATEWAY_FILE);
        Path devicesPath = devicesFile(configDir);
        Optional<GatewayFileReader.Parts> parts = YamlDocument.read(gatewayPath, gatewayPath.toString(), problems)
                .flatMap(root -> new GatewayFileReader(configDir, new SecretReader(environment, configDir))
                        .read(gatewayPath.toString(), root, problems));
        if (problems.isEmpty()) parts.ifPresent(p -> gatewayFileRead.accept(new GatewayFileRead(p.id(), p.automationsDir())));
        // devices.yaml is optional: discovered devices need none, and its entries are only overrides for them.
        YamlDocument.Parsed devicesDocument = Files.exists(devicesPath) ? devicesFile.get() : YamlDocument.Parsed.NONE;
        devicesDocument.problems().forEach(problems::add);
        DevicesFileReader.DevicesFile devices = devicesDocument.root()
                .map(root -> new DevicesFileReader().read(devicesPath.toString(), root, problems))
                .orElse(DevicesFileReader.DevicesFile.EMPTY);
        Locals locals = LocalsReader.read(configDir, devices.devices(), problems);
        problems.throwIfAny();
        GatewayFileReader.Parts p = parts.orElseThrow();
        List<DeviceSpec> all = new java.util.ArrayList<>(devices.devices());
        all.addAll(locals.specs());
        return new GatewayConfig(p.id(), p.dataDir(), p.automationsDir(), p.maxPayloadBytes(), p.durability(), p.mqtt(), p.broker(),
                p.http(), p.location(), all, p.outbox(), p.commands(), p.uplink(), p.history(), p.automation(), p.logFormat(), locals,
                p.discovery(), devices.overrides(), p.notifications(), devices.groups(), p.watchdog());
    }
}
