package dev.hearth.gateway.presence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What an OwnTracks app publishes (https://owntracks.org/booklet/tech/json/): {@code _type: location} on
 * {@code owntracks/<user>/<device>} with {@code lat}, {@code lon}, {@code acc}, {@code batt} and {@code inregions},
 * and {@code _type: transition} on {@code .../event} with {@code event} (enter, leave) and {@code desc} (the region).
 * Other types (lwt, waypoint, card…) are not about where someone is and read as nothing.
 */
final class OwnTracks {
    static final String EVENT_SUFFIX = "/event";
    private static final JsonFactory JSON = new JsonFactory();

    private OwnTracks() {
    }

    sealed interface Message permits Location, Transition {
    }

    /** {@code regions}: the {@code inregions} list, empty when the app sent none (it leaves it out outside every region). */
    record Location(double latitude, double longitude, OptionalDouble accuracy, OptionalDouble battery,
                    Optional<List<String>> regions) implements Message {
    }

    record Transition(boolean enter, String region, OptionalDouble latitude, OptionalDouble longitude) implements Message {
    }

    /** The message, or empty for another type or a payload that is not OwnTracks JSON. */
    static Optional<Message> parse(byte[] payload) {
        Fields f = new Fields();
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                f.read(name, p, p.nextToken());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return f.message();
    }

    /** The fields that matter, as they come. */
    private static final class Fields {
        String type = "", event = "", desc = "";
        OptionalDouble lat = OptionalDouble.empty(), lon = OptionalDouble.empty(), acc = OptionalDouble.empty(),
                batt = OptionalDouble.empty();
        Optional<List<String>> inregions = Optional.empty();

        void read(String name, JsonParser p, JsonToken token) throws IOException {
            switch (name) {
                case "_type" -> type = text(p, token);
                case "event" -> event = text(p, token);
                case "desc" -> desc = text(p, token);
                case "lat" -> lat = number(p, token);
                case "lon" -> lon = number(p, token);
                case "acc" -> acc = number(p, token);
                case "batt" -> batt = number(p, token);
                case "inregions" -> inregions = regions(p, token);
                default -> p.skipChildren();
            }
        }

        Optional<Message> message() {
            if (type.equals("location") && lat.isPresent() && lon.isPresent() && valid(lat.getAsDouble(), lon.getAsDouble())) {
                return Optional.of(new Location(lat.getAsDouble(), lon.getAsDouble(), acc, batt, inregions));
            }
            if (type.equals("transition") && (event.equals("enter") || event.equals("leave")) && !desc.isBlank()) {
                return Optional.of(new Transition(event.equals("enter"), desc.strip(), lat, lon));
            }
            return Optional.empty();
        }

        private static boolean valid(double lat, double lon) {
            return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
        }

        private static String text(JsonParser p, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING) return p.getText();
            p.skipChildren();
            return "";
        }

        /** A number, or one in a string (older iOS apps sent "lat": "48.858330"). */
        private static OptionalDouble number(JsonParser p, JsonToken token) throws IOException {
            if (token.isNumeric()) return finite(p.getDoubleValue());
            if (token == JsonToken.VALUE_STRING) {
                try {
                    return finite(Double.parseDouble(p.getText().strip()));
                } catch (NumberFormatException e) {
                    return OptionalDouble.empty();
                }
            }
            p.skipChildren();
            return OptionalDouble.empty();
        }

        private static OptionalDouble finite(double d) {
            return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
        }

        private static Optional<List<String>> regions(JsonParser p, JsonToken token) throws IOException {
            if (token != JsonToken.START_ARRAY) {
                p.skipChildren();
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) throw new IOException("unterminated inregions");
                if (t == JsonToken.VALUE_STRING && !p.getText().isBlank()) out.add(p.getText().strip());
                else p.skipChildren();
            }
            return Optional.of(out);
        }
    }
}
