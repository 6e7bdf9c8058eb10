package dev.hearth.gateway.announce;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.json.JsonTree;
import dev.hearth.gateway.message.Publication;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Hearth publishes to announce itself to Home Assistant, retained: the broker link (binary_sensor), the outbox
 * backlog (sensor), and per automation a switch (enabled) and a button (run now), all on one device with the
 * gateway's status as availability. The automations announced are listed, retained, on {@code <base>/ha/announced},
 * so that after a restart the configs of automations removed meanwhile are cleared. Plain Java: the verticle sends.
 */
public final class HaAnnouncement {
    public static final String ON = "ON";
    public static final String OFF = "OFF";
    public static final String PRESS = "PRESS";
    private static final String AUTOMATION = "automation/";

    private final AnnounceSettings s;

    public HaAnnouncement(AnnounceSettings settings) {
        this.s = settings;
    }

    /** The topic filters for Home Assistant's commands and for the retained list of what was announced. */
    public static List<String> subscriptions(String baseTopic) {
        String own = baseTopic + "/ha/";
        return List.of(own + AUTOMATION + "+/set", own + AUTOMATION + "+/run", own + "announced");
    }

    /** The prefix of every topic of this announcement's: messages on them are its (commands, the retained list). */
    public String ownTopics() {
        return s.own("");
    }

    public String announcedTopic() {
        return s.own("announced");
    }

    /** The gateway's own entities and the link's state. */
    public List<Publication> gateway() {
        JsonObject link = entity("Broker link", "broker_link").put("device_class", "connectivity")
                .put("entity_category", "diagnostic").put("state_topic", s.own("broker_link"));
        JsonObject backlog = entity("Outbox backlog", "outbox_backlog").put("state_topic", s.own("outbox_backlog"))
                .put("unit_of_measurement", "messages").put("state_class", "measurement").put("entity_category", "diagnostic")
                .put("icon", "mdi:tray-full");
        return List.of(config("binary_sensor", "broker_link", link), retained(s.own("broker_link"), ON),
                config("sensor", "outbox_backlog", backlog));
    }

    public Publication outboxBacklog(long queued) {
        return retained(s.own("outbox_backlog"), Long.toString(queued));
    }

    /** Configs and states of {@code automations}, and the list of what is announced. */
    public List<Publication> automations(List<AutomationQuery.Info> automations) {
        List<Publication> out = new ArrayList<>();
        for (AutomationQuery.Info a : automations) out.addAll(automation(a));
        out.add(retained(announcedTopic(), new JsonArray(automations.stream().map(AutomationQuery.Info::id).toList()).encode()));
        return out;
    }

    /** Empty retained configs (and states) for automations announced once and gone now: Home Assistant drops them. */
    public List<Publication> cleared(Set<String> gone) {
        List<Publication> out = new ArrayList<>();
        for (String id : gone) {
            out.add(retained(configTopic("switch", "automation_" + id), ""));
            out.add(retained(configTopic("button", "automation_" + id + "_run"), ""));
            out.add(retained(s.own(AUTOMATION + id + "/state"), ""));
        }
        return out;
    }

    /** An automation's switch and button configs and its state. */
    public List<Publication> automation(AutomationQuery.Info a) {
        String label = a.description().isBlank() ? a.id() : a.description();
        JsonObject enabled = entity(label, "automation_" + a.id()).put("icon", "mdi:robot")
                .put("command_topic", s.own(AUTOMATION + a.id() + "/set")).put("state_topic", s.own(AUTOMATION + a.id() + "/state"))
                .put("payload_on", ON).put("payload_off", OFF).put("entity_category", "config");
        JsonObject run = entity("Run " + label, "automation_" + a.id() + "_run").put("icon", "mdi:play")
                .put("command_topic", s.own(AUTOMATION + a.id() + "/run")).put("payload_press", PRESS);
        return List.of(config("switch", "automation_" + a.id(), enabled), config("button", "automation_" + a.id() + "_run", run),
                state(a.id(), a.enabled()));
    }

    public Publication state(String automation, boolean enabled) {
        return retained(s.own(AUTOMATION + automation + "/state"), enabled ? ON : OFF);
    }

    /** The automations listed on {@code <base>/ha/announced} (an empty or unreadable list is none). */
    public static Set<String> announced(byte[] payload) {
        Set<String> ids = new LinkedHashSet<>();
        JsonTree.parse(payload).filter(List.class::isInstance).ifPresent(list ->
                ((List<?>) list).forEach(e -> {
                    if (e instanceof String id && !id.isBlank()) ids.add(id);
                }));
        return ids;
    }

    /** A command from Home Assistant on one of Hearth's entities, as the automation core takes it. */
    public Optional<AutomationQuery.Control> command(String topic, byte[] payload) {
        String prefix = s.own(AUTOMATION);
        if (!topic.startsWith(prefix)) return Optional.empty();
        String[] rest = topic.substring(prefix.length()).split("/");
        if (rest.length != 2) return Optional.empty();
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        return switch (rest[1]) {
            case "set" -> text.equals(ON) || text.equals(OFF)
                    ? Optional.of(new AutomationQuery.SetEnabled(rest[0], text.equals(ON))) : Optional.empty();
            case "run" -> text.equals(PRESS) ? Optional.of(new AutomationQuery.TriggerNow(rest[0])) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private JsonObject entity(String name, String objectId) {
        return new JsonObject().put("name", name).put("unique_id", s.node() + "_" + objectId)
                .put("object_id", s.node() + "_" + objectId)
                .put("availability_topic", s.statusTopic()).put("payload_available", "online").put("payload_not_available", "offline")
                .put("device", new JsonObject().put("identifiers", new JsonArray().add(s.node()))
                        .put("name", "Hearth " + s.gatewayId()).put("manufacturer", "Hearth").put("model", "Hearth gateway")
                        .put("sw_version", s.version()))
                .put("origin", new JsonObject().put("name", "Hearth").put("sw", s.version()));
    }

    private Publication config(String component, String objectId, JsonObject config) {
        return retained(configTopic(component, objectId), config.encode());
    }

    private String configTopic(String component, String objectId) {
        return s.prefix() + "/" + component + "/" + s.node() + "/" + objectId + "/config";
    }

    private static Publication retained(String topic, String payload) {
        return new Publication(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }
}
