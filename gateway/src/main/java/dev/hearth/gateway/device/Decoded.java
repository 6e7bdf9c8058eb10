package dev.hearth.gateway.device;

import java.util.List;
import java.util.Map;

/** The outcome of decoding one payload: the typed values it carried, and what was wrong with the rest. */
public sealed interface Decoded permits Decoded.Values, Decoded.Availabilities, Decoded.Rejected {

    /**
     * Typed attribute values; {@code events} the occurrences it reported (a button's {@code action}), by attribute;
     * {@code wrongTypes} names attributes whose value did not fit and were skipped.
     */
    record Values(Map<String, Value> values, Map<String, Value> events, List<String> wrongTypes) implements Decoded {
        public Values {
            values = OwnedMap.copyOf(values);
            events = OwnedMap.copyOf(events);
            wrongTypes = List.copyOf(wrongTypes);
        }

        public Values(Map<String, Value> values, List<String> wrongTypes) {
            this(values, Map.of(), wrongTypes);
        }
    }

    record Availabilities(Availability availability) implements Decoded {
    }

    record Rejected(Malformed reason, String detail) implements Decoded {
    }
}
