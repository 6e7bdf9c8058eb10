package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceKind;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.JsonFormat;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.message.Publication;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A command becomes one JSON document (JSON devices) or one plain value per attribute topic, in attribute order. */
class CommandEncoderTest {
    private final DeviceSpec display = new DeviceSpec(new DeviceId("display"), "Display", "hall", DeviceKind.LIGHT, 
            JsonFormat.zigbee2mqtt("z2m/display"),
            Map.of("brightness", AttributeSpec.number("brightness", "", 0, 254).settable(),
                    "level", AttributeSpec.number("level", "", -10, 10).settable(),
                    "text", AttributeSpec.text("text").settable(),
                    "state", AttributeSpec.options("state", "ON", "OFF").settable(),
                    "on", AttributeSpec.bool("on").settable()));

    @Test
    void jsonCommandsAreOneDocumentWithWholeNumbersWithoutFractionAndTextEscaped() {
        String text = "say \"hi\"\\ then\nwait\u0001 – ünïcode";
        Publication p = single(CommandEncoder.encode(display, Map.of("brightness", Value.of(200), "level", Value.of(-2.5),
                "text", Value.of(text), "state", Value.of("ON"), "on", Value.of(true))));

        String payload = new String(p.payload(), StandardCharsets.UTF_8);
        assertThat(p.topic()).isEqualTo("z2m/display/set");
        assertThat(payload).startsWith("{\"brightness\":200,\"level\":-2.5,\"on\":true,\"state\":\"ON\",\"text\":\"say \\\"hi\\\"");
        assertThat(new JsonObject(payload).getMap())
                .isEqualTo(Map.of("brightness", 200, "level", -2.5, "on", true, "state", "ON", "text", text));
    }

    @Test
    void invalidCommandsAreRefusedWithEveryReason() {
        CommandEncoder.Encoded refused = CommandEncoder.encode(display, Map.of("brightness", Value.of(999), "colour", Value.of("red")));

        assertThat(refused).isInstanceOfSatisfying(CommandEncoder.Invalid.class, i -> assertThat(i.problems()).containsExactlyInAnyOrder(
                "display.brightness must be a number from 0 to 254, got 999", "display has no attribute 'colour'"));
    }

    private static Publication single(CommandEncoder.Encoded encoded) {
        assertThat(encoded).isInstanceOf(CommandEncoder.Ok.class);
        List<Publication> publications = ((CommandEncoder.Ok) encoded).publications();
        assertThat(publications).hasSize(1);
        return publications.get(0);
    }
}
