package dev.hearth.gateway.automation.model;

import java.util.List;
import java.util.Optional;

/** Every trigger kind, by its YAML name: where a new kind is registered. The order is that of error messages. */
public final class TriggerKinds {
    public static final List<TriggerKind> ALL = List.of(StateTrigger.KIND, NumericTrigger.KIND, TimeTrigger.KIND, CronTrigger.KIND,
            SunTrigger.KIND, IntervalTrigger.KIND, MqttTrigger.KIND, AvailabilityTrigger.KIND, SilentTrigger.KIND, GatewayTrigger.KIND,
            CommandFailedTrigger.KIND, EventTrigger.KIND);
    public static final List<String> NAMES = ALL.stream().map(TriggerKind::name).toList();

    private TriggerKinds() {
    }

    public static Optional<TriggerKind> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
    }
}
