package dev.hearth.gateway.json;

import io.vertx.core.json.EncodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoreJsonFactoryTest {

    @Test
    void vertxJsonGoesThroughJacksonCoreNotDatabind() {
        assertThat(Json.CODEC).isSameAs(new CoreJsonFactory().codec()).isNotInstanceOf(DatabindCodec.class);
    }

    @Test
    void theJsonTheGatewayWritesReadsBackTheSame() {
        JsonObject body = new JsonObject()
                .put("device", "hallway_light")
                .put("at", Instant.parse("2026-11-29T03:40:00Z"))
                .put("brightness", 200)
                .put("on", true)
                .put("nothing", null)
                .put("set", Map.of("state", "ON"))
                .put("steps", new JsonArray(List.of(1.5, "two", List.of())));

        String text = body.encode();

        assertThat(text).contains("\"at\":\"2026-11-29T03:40:00Z\"");
        assertThat(new JsonObject(text)).isEqualTo(new JsonObject()
                .put("device", "hallway_light")
                .put("at", "2026-11-29T03:40:00Z")
                .put("brightness", 200)
                .put("on", true)
                .put("nothing", null)
                .put("set", new JsonObject().put("state", "ON"))
                .put("steps", new JsonArray().add(1.5).add("two").add(new JsonArray())));
    }

    /** Without databind nothing is turned into JSON by reflection: the API converts its records itself. */
    @Test
    void anObjectThatIsNotJsonIsRefusedNotReflected() {
        record Pojo(String name) {
        }
        assertThatThrownBy(() -> new JsonObject().put("pojo", new Pojo("x")).encode()).isInstanceOf(EncodeException.class);
    }
}
