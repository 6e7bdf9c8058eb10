package dev.hearth.gateway.announce;

import dev.hearth.gateway.automation.run.AutomationQuery;
import dev.hearth.gateway.discovery.homeassistant.HaComponent;
import dev.hearth.gateway.discovery.homeassistant.HaConfig;
import dev.hearth.gateway.discovery.homeassistant.HaConfigParser;
import dev.hearth.gateway.discovery.homeassistant.HaDiscoveryMessage;
import dev.hearth.gateway.message.Publication;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HaAnnouncementTest {
    private final HaAnnouncement announcement = new HaAnnouncement(new AnnounceSettings("homeassistant", "home", "hearth/home", "1.2.3"));
    private final AutomationQuery.Info hallway = new AutomationQuery.Info("hallway_light", "Hallway light on motion", true, "hallway.yaml", Optional.empty(), 0);

    private static Map<String, String> byTopic(List<Publication> publications) {
        return publications.stream().collect(Collectors.toMap(Publication::topic, p -> new String(p.payload(), StandardCharsets.UTF_8)));
    }

    /** Read back with the same parser that reads other devices' configs: what Home Assistant would understand. */
    private static HaConfig parsed(Publication p) {
        return ((HaDiscoveryMessage.Configs) new HaConfigParser("homeassistant").parse(p.topic(), p.payload()).orElseThrow()).configs().get(0);
    }

    @Test
    void each_automation_is_a_switch_and_a_button_on_the_gateways_device_retained() {
        List<Publication> out = announcement.automations(List.of(hallway));

        assertThat(out).allMatch(Publication::retained);
        Map<String, Publication> topics = out.stream().collect(Collectors.toMap(Publication::topic, Function.identity()));
        HaConfig sw = parsed(topics.get("homeassistant/switch/hearth_home/automation_hallway_light/config"));
        assertThat(sw.component()).isEqualTo(HaComponent.SWITCH);
        assertThat(sw.name()).contains("Hallway light on motion");
        assertThat(sw.options().text("command_topic")).contains("hearth/home/ha/automation/hallway_light/set");
        assertThat(sw.availability().sources()).singleElement().satisfies(a -> assertThat(a.topic()).isEqualTo("hearth/home/status"));
        assertThat(sw.device().orElseThrow().identifiers()).containsExactly("hearth_home");
        HaConfig button = parsed(topics.get("homeassistant/button/hearth_home/automation_hallway_light_run/config"));
        assertThat(button.options().text("payload_press")).contains("PRESS");
        assertThat(byTopic(out)).containsEntry("hearth/home/ha/automation/hallway_light/state", "ON")
                .containsEntry("hearth/home/ha/announced", "[\"hallway_light\"]");
    }

    @Test
    void an_automation_announced_before_and_gone_now_is_cleared() {
        Set<String> before = HaAnnouncement.announced("[\"hallway_light\",\"old_one\"]".getBytes());
        assertThat(before).containsExactly("hallway_light", "old_one");

        Map<String, String> out = byTopic(announcement.cleared(Set.of("old_one")));

        assertThat(out).containsOnly(Map.entry("homeassistant/switch/hearth_home/automation_old_one/config", ""),
                Map.entry("homeassistant/button/hearth_home/automation_old_one_run/config", ""),
                Map.entry("hearth/home/ha/automation/old_one/state", ""));
    }

    @Test
    void commands_from_home_assistant_become_automation_controls() {
        assertThat(announcement.command("hearth/home/ha/automation/hallway_light/set", "OFF".getBytes()))
                .contains(new AutomationQuery.SetEnabled("hallway_light", false));
        assertThat(announcement.command("hearth/home/ha/automation/hallway_light/run", "PRESS".getBytes()))
                .contains(new AutomationQuery.TriggerNow("hallway_light"));
        assertThat(announcement.command("hearth/home/ha/automation/hallway_light/set", "maybe".getBytes())).isEmpty();
        assertThat(HaAnnouncement.subscriptions("hearth/home")).containsExactly("hearth/home/ha/automation/+/set",
                "hearth/home/ha/automation/+/run", "hearth/home/ha/announced");
    }

    @Test
    void the_gateway_announces_its_link_and_backlog() {
        Map<String, String> out = byTopic(announcement.gateway());

        assertThat(out).containsKeys("homeassistant/binary_sensor/hearth_home/broker_link/config",
                "homeassistant/sensor/hearth_home/outbox_backlog/config").containsEntry("hearth/home/ha/broker_link", "ON");
        assertThat(new String(announcement.outboxBacklog(12).payload())).isEqualTo("12");
    }
}
