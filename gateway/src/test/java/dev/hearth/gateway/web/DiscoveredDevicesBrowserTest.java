package dev.hearth.gateway.web;

import dev.hearth.sim.broker.MosquittoBroker;
import dev.hearth.sim.mqtt.SimClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 15 item 9 in headless Chromium: with no device written by hand, the devices of a real Zigbee2MQTT
 * {@code bridge/devices} document (the discovery tests' fixture) get controls from their exposes, and each control
 * commands the device in Zigbee2MQTT's own JSON: the TuYa valve's setpoint within 5-35 °C in steps of 0.5, the IKEA
 * bulb's brightness and colour, the IKEA blind's open/close/stop and position.
 */
class DiscoveredDevicesBrowserTest {
    @TempDir
    Path dir;

    @Test
    void discoveredValveBulbAndBlindAreControlledInTheirNativeForm() throws Exception {
        MosquittoBroker broker = MosquittoBroker.start();
        List<String> commands = new CopyOnWriteArrayList<>();
        try (SimClient bridge = new SimClient(broker.url(), "z2m-bridge")) {
            bridge.start();
            assertThat(bridge.awaitConnected(Duration.ofSeconds(10))).isTrue();
            bridge.subscribe("zigbee2mqtt/#", (topic, payload) -> {
                if (topic.endsWith("/set")) commands.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
            });
            bridge.publish("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}", 1, true);
            bridge.publish("zigbee2mqtt/bridge/devices", bridgeDevices(), 1, true);
            try (DashboardRig rig = DashboardRig.start(dir, broker, UnaryOperator.identity(), "devices: []\n", "automations: []\n")) {
                rig.signIn();
                WebElement valve = rig.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("device-living_room_trv")));
                WebElement setpoint = valve.findElement(By.cssSelector("input[data-attribute=current_heating_setpoint]"));
                assertThat(List.of(setpoint.getAttribute("min"), setpoint.getAttribute("max"), setpoint.getAttribute("step")))
                        .containsExactly("5", "35", "0.5");
                change(rig, setpoint, "21.5");
                awaitCommand(commands, "zigbee2mqtt/Living Room/TRV/set", "current_heating_setpoint", 21.5);

                WebElement bulb = rig.browser.findElement(By.id("device-living_room_bulb"));
                WebElement brightness = bulb.findElement(By.cssSelector("input[data-attribute=brightness]"));
                assertThat(brightness.getAttribute("max")).isEqualTo("254");
                change(rig, brightness, "127");
                awaitCommand(commands, "zigbee2mqtt/Living Room/Bulb/set", "brightness", 127);
                change(rig, bulb.findElement(By.cssSelector("input[type=color][data-attribute=color]")), "#ff0000");
                await().atMost(Duration.ofSeconds(10)).until(() -> commands.stream().anyMatch(c ->
                        c.startsWith("zigbee2mqtt/Living Room/Bulb/set ") && json(c).getValue("color") instanceof JsonObject));

                WebElement blind = rig.browser.findElement(By.id("device-bedroom_blind"));
                new Select(blind.findElement(By.cssSelector("select[data-attribute=state]"))).selectByValue("CLOSE");
                awaitCommand(commands, "zigbee2mqtt/Bedroom/Blind/set", "state", "CLOSE");
                change(rig, blind.findElement(By.cssSelector("input[data-attribute=position]")), "40");
                awaitCommand(commands, "zigbee2mqtt/Bedroom/Blind/set", "position", 40);
            }
        } finally {
            broker.close();
        }
    }

    /** What a person does with a slider, number or colour field: a new value, then the change event. */
    private static void change(DashboardRig rig, WebElement input, String value) {
        rig.browser.executeScript("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, value);
    }

    private static void awaitCommand(List<String> commands, String topic, String attribute, Object value) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(commands)
                .anySatisfy(c -> {
                    assertThat(c).startsWith(topic + " ");
                    Object sent = json(c).getValue(attribute);
                    assertThat(sent instanceof Number n && value instanceof Number v ? n.doubleValue() == v.doubleValue() : value.equals(sent))
                            .as("%s = %s in %s", attribute, value, c).isTrue();
                }));
    }

    private static JsonObject json(String command) {
        return new JsonObject(command.substring(command.indexOf(" {") + 1));
    }

    private static byte[] bridgeDevices() throws IOException {
        try (InputStream in = DiscoveredDevicesBrowserTest.class.getResourceAsStream("/discovery/zigbee2mqtt/bridge-devices.json")) {
            return in.readAllBytes();
        }
    }
}
