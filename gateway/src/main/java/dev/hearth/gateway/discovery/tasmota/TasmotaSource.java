package dev.hearth.gateway.discovery.tasmota;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.discovery.DiscoveryChange;
import dev.hearth.gateway.discovery.DiscoverySource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tasmota's own discovery (on by default in Tasmota since 9.1): a device announces itself, retained, on
 * {@code tasmota/discovery/<MAC>/config} (topics, relays, names) and {@code …/sensors} (a sample of its
 * {@code tele/…/SENSOR}); an empty config means it is gone.
 */
public final class TasmotaSource implements DiscoverySource {
    private final String prefix;
    /** {@code prefix/}: every message of the home is asked whether it is a discovery one, without a new string. */
    private final String under;
    private final Map<String, TasmotaConfig> configs = new HashMap<>();
    private final Map<String, List<TasmotaSensor>> sensors = new HashMap<>();

    public TasmotaSource(String prefix) {
        this.prefix = prefix;
        this.under = prefix + "/";
    }

    @Override
    public String name() {
        return "Tasmota discovery (" + prefix + ")";
    }

    @Override
    public List<String> topics() {
        return List.of(prefix + "/+/config", prefix + "/+/sensors");
    }

    @Override
    public boolean handles(String topic) {
        return topic.startsWith(under) && (topic.endsWith("/config") || topic.endsWith("/sensors"))
                && topic.substring(prefix.length() + 1).indexOf('/') == topic.substring(prefix.length() + 1).lastIndexOf('/');
    }

    @Override
    public List<DiscoveryChange> receive(String topic, byte[] payload) {
        String rest = topic.substring(prefix.length() + 1);
        String mac = rest.substring(0, rest.indexOf('/'));
        boolean empty = new String(payload, StandardCharsets.UTF_8).isBlank();
        if (topic.endsWith("/sensors")) {
            if (empty) {
                sensors.remove(mac);
                return described(mac);
            }
            Optional<List<TasmotaSensor>> read = TasmotaDiscoveryParser.sensors(payload);
            if (read.isEmpty()) return List.of(new DiscoveryChange.Refused(topic, "not a sensors document ({\"sn\": {…}})"));
            sensors.put(mac, read.get());
            return described(mac);
        }
        if (empty) {
            TasmotaConfig gone = configs.remove(mac);
            return gone == null ? List.of() : List.of(new DiscoveryChange.Lost(TasmotaSpecs.id(gone)));
        }
        TasmotaDiscoveryParser.ConfigResult read = TasmotaDiscoveryParser.config(payload);
        if (read instanceof TasmotaDiscoveryParser.Malformed m) return List.of(new DiscoveryChange.Refused(topic, m.reason()));
        TasmotaConfig config = ((TasmotaDiscoveryParser.Device) read).config();
        if (!config.mac().equalsIgnoreCase(mac)) return List.of(new DiscoveryChange.Refused(topic, "the config's mac is " + config.mac()));
        TasmotaConfig before = configs.put(mac, config);
        List<DiscoveryChange> changes = described(mac);
        if (before != null && !TasmotaSpecs.id(before).equals(TasmotaSpecs.id(config))) {
            return List.of(new DiscoveryChange.Renamed(TasmotaSpecs.id(before), TasmotaSpecs.spec(config, sensors.getOrDefault(mac, List.of()))));
        }
        return changes;
    }

    private List<DiscoveryChange> described(String mac) {
        TasmotaConfig config = configs.get(mac);
        if (config == null) return List.of();
        return List.of(new DiscoveryChange.Found(TasmotaSpecs.spec(config, sensors.getOrDefault(mac, List.of()))));
    }
}
