package dev.hearth.gateway.json;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x's JSON ({@code JsonObject}, {@code JsonArray}, {@code Json}) through jackson-core alone, found by Vert.x
 * through {@code META-INF/services}. Vert.x's own factory takes Jackson databind whenever it is on the class path
 * (it is, for the embedded broker): its {@code ObjectMapper} loads ~350 classes on the first JSON the API or
 * {@code /health} writes, all kept in metaspace or the class archive, that is resident memory. The gateway puts
 * only maps, lists, strings, numbers and booleans into its JSON (records go through the API's own conversion), and
 * that is all jackson-core's codec writes and reads; a POJO would fail to encode instead of being turned into JSON
 * by reflection.
 */
public final class CoreJsonFactory implements JsonFactory {
    private static final JsonCodec CODEC = new JacksonCodec();

    /** Before Vert.x's own factory, whose order is {@link Integer#MAX_VALUE}. */
    @Override
    public int order() {
        return 0;
    }

    @Override
    public JsonCodec codec() {
        return CODEC;
    }
}
