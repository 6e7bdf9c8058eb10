package dev.hearth.gateway.discovery.zigbee2mqtt;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.Availability;
import dev.hearth.gateway.device.AvailabilityChanged;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceOverride;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.DevicesChanged;
import dev.hearth.gateway.device.Malformed;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.device.ValueType;
import dev.hearth.gateway.discovery.Discovery;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Zigbee2MQTT's bridge documents (the real fixture) turned into registry changes, as the home loop applies them. */
class Zigbee2MqttSourceTest {
    private static final Instant T0 = Instant.parse("2026-01-01T18:00:00Z");
    private static final String DEVICES = "zigbee2mqtt/bridge/devices";

    private final DeviceRegistry registry = new DeviceRegistry(List.of(), 65536);
    private final Zigbee2MqttSource source = new Zigbee2MqttSource("zigbee2mqtt");
    private final Discovery discovery = new Discovery(List.of(source), List.of(), registry);

    static byte[] fixture() {
        try (InputStream in = Zigbee2MqttSourceTest.class.getResourceAsStream("/discovery/zigbee2mqtt/bridge-devices.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Discovery.Applied receive(String topic, String payload) {
        return receive(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    private Discovery.Applied receive(String topic, byte[] payload) {
        assertThat(discovery.source(topic)).contains(source);
        return discovery.receive(source, topic, payload, T0);
    }

    private AttributeSpec attribute(String device, String name) {
        return registry.spec(new DeviceId(device)).flatMap(d -> d.attribute(name)).orElseThrow(() -> new AssertionError(device + "." + name));
    }

    @Test
    void everyDeviceOfTheRealDocumentComesUpWithTypedAttributesAndTheCoordinatorIsSkipped() {
        DevicesChanged changed = receive(DEVICES, fixture()).devices();

        assertThat(changed.added()).extracting(DeviceId::value).containsExactly("hallway_motion", "living_room_bulb",
                "living_room_trv", "hall_button", "bedroom_climate", "front_door", "kitchen_coffee_plug", "bedroom_blind");
        assertThat(changed.subscribe()).contains("zigbee2mqtt/Living Room/TRV", "zigbee2mqtt/Living Room/TRV/availability");
        DeviceSpec trv = registry.spec(new DeviceId("living_room_trv")).orElseThrow();
        assertThat(trv.kind()).isEqualTo(DeviceKind.THERMOSTAT);
        assertThat(trv.name()).isEqualTo("Living Room/TRV");
        assertThat(trv.room()).isEqualTo("Living Room");
        assertThat(trv.format()).isEqualTo(JsonFormat.zigbee2mqtt("zigbee2mqtt/Living Room/TRV"));
        assertThat(attribute("living_room_trv", "current_heating_setpoint")).satisfies(a -> {
            assertThat(a.type()).isEqualTo(ValueType.NUMBER);
            assertThat(a.writable()).isTrue();
            assertThat(a.unit()).isEqualTo("°C");
            assertThat(a.min()).isEqualTo(5);
            assertThat(a.max()).isEqualTo(35);
        });
        assertThat(attribute("living_room_trv", "local_temperature").writable()).isFalse();
        assertThat(attribute("living_room_trv", "child_lock").options()).containsExactly("LOCK", "UNLOCK");
        assertThat(attribute("hallway_motion", "occupancy").type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(registry.spec(new DeviceId("hallway_motion")).orElseThrow().acceptsCommands()).isFalse();
        assertThat(attribute("front_door", "contact").type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(attribute("hall_button", "action").options()).contains("single", "double", "hold");
        assertThat(attribute("living_room_bulb", "state").options()).containsExactly("ON", "OFF");
        assertThat(attribute("living_room_bulb", "brightness").max()).isEqualTo(254);
        assertThat(attribute("living_room_bulb", "effect")).satisfies(a -> assertThat(a.reported()).as("effect is set-only").isFalse());
        assertThat(attribute("kitchen_coffee_plug", "power").unit()).isEqualTo("W");
        assertThat(attribute("kitchen_coffee_plug", "energy").unit()).isEqualTo("kWh");
        assertThat(attribute("bedroom_blind", "position").writable()).isTrue();
        assertThat(attribute("bedroom_blind", "state").options()).containsExactly("OPEN", "CLOSE", "STOP");
        assertThat(attribute("bedroom_climate", "humidity").unit()).isEqualTo("%");
    }

    /** Issue 17, item 6: a device never named in Zigbee2MQTT shows its model, not its address. */
    @Test
    void aDeviceStillNamedByItsAddressIsShownByItsModel() {
        byte[] unnamed = new String(fixture(), StandardCharsets.UTF_8).replace("\"Hall Button\"", "\"0x00158d0002c3d4e5\"")
                .getBytes(StandardCharsets.UTF_8);
        receive(DEVICES, unnamed);
        DeviceSpec button = registry.spec(new DeviceId("0x00158d0002c3d4e5")).orElseThrow();
        assertThat(button.name()).isEqualTo("Xiaomi Mi wireless switch");
        assertThat(button.format()).isEqualTo(JsonFormat.zigbee2mqtt("zigbee2mqtt/0x00158d0002c3d4e5"));
        assertThat(registry.spec(new DeviceId("hallway_motion")).orElseThrow().name()).isEqualTo("Hallway Motion");
    }

    @Test
    void theSameDocumentAgainChangesNothing() {
        receive(DEVICES, fixture());

        assertThat(receive(DEVICES, fixture()).devices().isEmpty()).isTrue();
    }

    @Test
    void aRenameKeepsTheDevicesStateUnderItsNewIdAndMovesItsTopics() {
        receive(DEVICES, fixture());
        registry.availability(new DeviceId("front_door"), Availability.ONLINE, T0);

        String renamed = new String(fixture(), StandardCharsets.UTF_8).replace("\"Front Door\"", "\"Porch/Door\"");
        DevicesChanged changed = receive(DEVICES, renamed).devices();

        assertThat(changed.removed()).containsExactly(new DeviceId("front_door"));
        assertThat(changed.added()).containsExactly(new DeviceId("porch_door"));
        assertThat(changed.subscribe()).containsExactlyInAnyOrder("zigbee2mqtt/Porch/Door", "zigbee2mqtt/Porch/Door/availability");
        assertThat(changed.unsubscribe()).containsExactlyInAnyOrder("zigbee2mqtt/Front Door", "zigbee2mqtt/Front Door/availability");
        assertThat(registry.spec(new DeviceId("front_door"))).isEmpty();
        assertThat(registry.state(new DeviceId("porch_door")).orElseThrow().availability()).isEqualTo(Availability.ONLINE);
        assertThat(registry.routes().route("zigbee2mqtt/Porch/Door")).isPresent();
        assertThat(registry.routes().route("zigbee2mqtt/Front Door")).isEmpty();
    }

    @Test
    void aDeviceMissingFromTheNextDocumentIsRemoved() {
        receive(DEVICES, fixture());
        String withoutButton = new String(fixture(), StandardCharsets.UTF_8).replace("0x00158d0002c3d4e5", "0x00158d0002c3d4e5");
        String json = withoutButton.substring(0, withoutButton.indexOf("{\n  \"ieee_address\": \"0x00158d0002c3d4e5\""));

        DevicesChanged changed = receive(DEVICES, json.stripTrailing().replaceAll(",$", "") + "]").devices();

        assertThat(changed.removed()).containsExactly(new DeviceId("hall_button"), new DeviceId("bedroom_climate"),
                new DeviceId("front_door"), new DeviceId("kitchen_coffee_plug"), new DeviceId("bedroom_blind"));
        assertThat(registry.specs()).extracting(d -> d.id().value())
                .containsExactly("hallway_motion", "living_room_bulb", "living_room_trv");
    }

    @Test
    void aMalformedDocumentIsCountedAndRemovesNoKnownDevice() {
        receive(DEVICES, fixture());

        for (String bad : List.of("{\"not\":\"a list\"}", "[{\"ieee_address\": 1", "", "[{\"friendly_name\":\"no address\"}]")) {
            assertThat(receive(DEVICES, bad).devices().isEmpty()).as(bad).isTrue();
        }

        assertThat(registry.specs()).hasSize(8);
        assertThat(registry.malformed().count(Malformed.BAD_DISCOVERY)).isEqualTo(4);
    }

    @Test
    void bridgeOfflineMakesAllItsDevicesUnavailableInBothPayloadForms() {
        receive(DEVICES, fixture());

        List<?> offline = receive("zigbee2mqtt/bridge/state", "{\"state\":\"offline\"}").events();

        assertThat(offline).hasSize(8).allSatisfy(e -> assertThat(((AvailabilityChanged) e).current()).isEqualTo(Availability.OFFLINE));
        assertThat(receive("zigbee2mqtt/bridge/state", "online").events()).hasSize(8)
                .allSatisfy(e -> assertThat(((AvailabilityChanged) e).current()).isEqualTo(Availability.ONLINE));
        assertThat(receive("zigbee2mqtt/bridge/state", "offline").events()).hasSize(8);
    }

    @Test
    void anInterviewedDeviceJoinsAndALeavingOneGoes() {
        receive(DEVICES, "[]");
        String interview = """
                {"type":"device_interview","data":{"friendly_name":"0x00158d0001a1b2c3","status":"successful","ieee_address":"0x00158d0001a1b2c3",
                 "supported":true,"definition":{"model":"RTCGQ11LM","vendor":"Aqara","description":"Motion sensor",
                 "exposes":[{"type":"binary","name":"occupancy","property":"occupancy","access":1,"value_on":true,"value_off":false}]}}}""";

        assertThat(receive("zigbee2mqtt/bridge/event", interview).devices().added()).containsExactly(new DeviceId("0x00158d0001a1b2c3"));
        assertThat(receive("zigbee2mqtt/bridge/event",
                "{\"type\":\"device_leave\",\"data\":{\"ieee_address\":\"0x00158d0001a1b2c3\",\"friendly_name\":\"0x00158d0001a1b2c3\"}}")
                .devices().removed()).containsExactly(new DeviceId("0x00158d0001a1b2c3"));
        assertThat(registry.specs()).isEmpty();
    }

    @Test
    void aHandWrittenDeviceWinsOverTheDiscoveredOneAndOverridesApply() {
        DeviceSpec handWritten = new DeviceSpec(new DeviceId("front_door"), "Door", "Hall", DeviceKind.CONTACT_SENSOR,
                JsonFormat.zigbee2mqtt("zigbee2mqtt/front"), DeviceKind.CONTACT_SENSOR.attributes());
        DeviceRegistry withDevice = new DeviceRegistry(List.of(handWritten), 65536);
        Discovery overridden = new Discovery(List.of(source), List.of(new DeviceOverride(new DeviceId("hall_button"),
                Optional.of("Doorbell"), Optional.of("Hall"), Optional.empty(), false)), withDevice);

        overridden.receive(source, DEVICES, fixture(), T0);

        assertThat(withDevice.spec(new DeviceId("front_door"))).contains(handWritten);
        assertThat(withDevice.routes().route("zigbee2mqtt/Front Door")).isEmpty();
        assertThat(withDevice.spec(new DeviceId("hall_button")).orElseThrow()).satisfies(d -> {
            assertThat(d.name()).isEqualTo("Doorbell");
            assertThat(d.room()).isEqualTo("Hall");
        });
    }

    @Test
    void idsFollowTheFriendlyName() {
        assertThat(BridgeDevice.idOf("Living Room/TRV")).contains(new DeviceId("living_room_trv"));
        assertThat(BridgeDevice.idOf("  __Küche -- Licht__ ")).contains(new DeviceId("k_che_licht"));
        assertThat(BridgeDevice.idOf("0x00158d0001a1b2c3")).contains(new DeviceId("0x00158d0001a1b2c3"));
        assertThat(BridgeDevice.idOf("///")).isEmpty();
        assertThat(BridgeDevice.idOf("x".repeat(70) + "/y")).hasValueSatisfying(id -> assertThat(id.value()).hasSize(64));
    }
}
