package dev.hearth.gateway.device;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A Zigbee2MQTT state document becomes the values of the attributes the device knows; everything else is skipped or refused. */
class PayloadDecoderTest {
    private final DeviceSpec light = new DeviceSpec(new DeviceId("lamp"), "Lamp", "hall", DeviceKind.LIGHT,
            JsonFormat.zigbee2mqtt("z2m/lamp"), DeviceKind.LIGHT.attributes());
    private final PayloadDecoder decoder = new PayloadDecoder(1024);

    @Test
    void knownFieldsBecomeTypedValuesAndUnknownOnesAtAnyDepthAreSkipped() {
        Decoded d = decode(" {\"state\":\"ON\",\"update\":{\"state\":\"idle\",\"progress\":[1,{\"a\":null}]},"
                + "\"brightness\":120,\"color_temp\":null,\"linkquality\":81.5,\"brightness\":121}");
        assertThat(d).isEqualTo(new Decoded.Values(Map.of("state", Value.of("ON"), "brightness", Value.of(121), "linkquality",
                Value.of(81.5)), List.of()));
    }

    @Test
    void aValueOfTheWrongTypeIsReportedWithWhatWasExpectedAndTheRestIsKept() {
        Decoded d = decode("{\"state\":{\"on\":true},\"brightness\":\"bright\",\"color_temp\":[250]}");
        assertThat(d).isInstanceOfSatisfying(Decoded.Values.class, v -> {
            assertThat(v.values()).isEmpty();
            assertThat(v.wrongTypes()).containsExactly("state={...} (expected one of ON, OFF)",
                    "brightness=bright (expected a number from 0 to 254)", "color_temp=[...] (expected a number from 150 to 500)");
        });
        assertThat(decode("{\"state\":\"OFF\",\"brightness\":999}")).isEqualTo(new Decoded.Values(Map.of("state", Value.of("OFF")),
                List.of("brightness=999 (expected a number from 0 to 254)")));
    }

    @Test
    void aTextValueLongerThanWhatIsStoredIsRefusedWithItsReasonAndTheRestIsKept() {
        DeviceSpec note = new DeviceSpec(new DeviceId("note"), "Note", "hall", DeviceKind.TEMPERATURE_SENSOR,
                JsonFormat.zigbee2mqtt("z2m/note"), Map.of("text", AttributeSpec.text("text"), "battery",
                AttributeSpec.number("battery", "%", 0, 100)));
        String longest = "x".repeat(AttributeSpec.MAX_TEXT);
        byte[] tooLong = ("{\"text\":\"" + longest + "y\",\"battery\":80}").getBytes(StandardCharsets.UTF_8);
        byte[] fits = ("{\"text\":\"" + longest + "\"}").getBytes(StandardCharsets.UTF_8);
        PayloadDecoder roomy = new PayloadDecoder(64 * 1024);

        assertThat(roomy.decode(TopicRoutes.of(note).get(0), tooLong)).isInstanceOfSatisfying(Decoded.Values.class, v -> {
            assertThat(v.values()).isEqualTo(Map.of("battery", Value.of(80)));
            assertThat(v.wrongTypes()).singleElement().asString().startsWith("text=xxx")
                    .endsWith("(expected text of at most " + AttributeSpec.MAX_TEXT + " characters)");
        });
        assertThat(roomy.decode(TopicRoutes.of(note).get(0), fits))
                .isEqualTo(new Decoded.Values(Map.of("text", Value.of(longest)), List.of()));
    }

    @Test
    void whatIsNotOneWholeJsonObjectIsRefusedAndSetsNothing() {
        assertThat(decode("\"ON\"")).isEqualTo(new Decoded.Rejected(Malformed.NOT_AN_OBJECT, "\"ON\""));
        assertThat(decode("")).isEqualTo(new Decoded.Rejected(Malformed.NOT_AN_OBJECT, ""));
        assertThat(decode("{\"state\":\"ON\",")).isEqualTo(new Decoded.Rejected(Malformed.BAD_JSON, "{\"state\":\"ON\","));
        assertThat(decode("{\"state\":\"ON\"} {\"state\":\"OFF\"}")).extracting(r -> ((Decoded.Rejected) r).reason())
                .as("trailing content").isEqualTo(Malformed.BAD_JSON);
        assertThat(decode("{\"state\":ON}")).extracting(r -> ((Decoded.Rejected) r).reason()).isEqualTo(Malformed.BAD_JSON);
    }

    private Decoded decode(String payload) {
        return decoder.decode(TopicRoutes.of(light).get(0), payload.getBytes(StandardCharsets.UTF_8));
    }
}
