package dev.hearth.gateway.helper;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.yaml.Problems;
import dev.hearth.gateway.yaml.YamlMap;
import org.snakeyaml.engine.v2.nodes.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code helpers.yaml} (optional, next to devices.yaml): {@code helpers:} maps each id to its {@code type} and
 * settings. Every problem is reported with its position; ids taken by devices are refused.
 */
public final class HelpersFileReader {
    public static final List<String> TYPES = List.of("boolean", "number", "select", "text", "timer", "counter");

    private final Set<String> takenIds;

    /** {@code takenIds}: ids of devices, which a helper may not reuse. */
    public HelpersFileReader(Set<String> takenIds) {
        this.takenIds = takenIds;
    }

    public List<Helper> read(String file, Node root, Problems problems) {
        Optional<YamlMap> top = YamlMap.of(file, root, problems, "helpers.yaml");
        if (top.isEmpty()) return List.of();
        List<Helper> helpers = new ArrayList<>();
        top.get().map("helpers").ifPresent(all -> {
            for (String id : all.keys()) {
                if (!idOk(all, id)) {
                    all.has(id);
                    continue;
                }
                all.map(id).flatMap(h -> helper(new DeviceId(id), h)).ifPresent(helpers::add);
            }
        });
        top.get().finish();
        return helpers;
    }

    private boolean idOk(YamlMap all, String id) {
        if (!DeviceId.isValid(id)) {
            all.problemAtKey(id, "helper id '" + id + "' must be 1-64 lower-case letters, digits or underscores");
            return false;
        }
        if (takenIds.contains(id)) {
            all.problemAtKey(id, "helper id '" + id + "' is already the id of a device");
            return false;
        }
        return true;
    }

    private Optional<Helper> helper(DeviceId id, YamlMap h) {
        int before = h.problems().list().size();
        Helper.Common common = new Helper.Common(id, h.text("name", ""), h.text("room", ""));
        if (!h.has("type")) h.missing("type");
        Optional<String> type = h.choice("type", t -> Optional.of(t).filter(TYPES::contains), TYPES);
        Optional<Helper> helper = type.flatMap(t -> switch (t) {
            case "boolean" -> Optional.of(new Helper.Toggle(common, h.flag("initial", false)));
            case "number" -> number(common, h);
            case "select" -> select(common, h);
            case "text" -> text(common, h);
            case "timer" -> timer(common, h);
            default -> counter(common, h);
        });
        // With no known type, which keys belong is unknown too: only the type is reported.
        if (type.isPresent()) h.finish();
        return h.problems().list().size() > before ? Optional.empty() : helper;
    }

    private static Optional<Helper> number(Helper.Common common, YamlMap h) {
        if (!h.has("min")) h.missing("min");
        if (!h.has("max")) h.missing("max");
        double min = h.number("min").orElse(0), max = h.number("max").orElse(0);
        double step = h.number("step").orElse(1);
        String unit = h.text("unit", "");
        double initial = h.number("initial").orElse(min);
        return checked(h, () -> {
            if (!(min < max)) return "'min' must be less than 'max'";
            if (!(step > 0)) return "'step' must be more than 0";
            if (initial < min || initial > max) return "'initial' must be from min to max";
            Helper.onGrid(initial, min, step, "initial");
            return null;
        }, () -> new Helper.NumberInput(common, unit, min, max, step, initial));
    }

    private static Optional<Helper> select(Helper.Common common, YamlMap h) {
        if (!h.has("options")) h.missing("options");
        List<String> options = h.listOfText("options");
        String initial = h.text("initial", options.isEmpty() ? "" : options.get(0));
        return checked(h, () -> {
            if (options.isEmpty()) return "'options' must list at least one option";
            if (Set.copyOf(options).size() != options.size()) return "'options' lists an option twice";
            if (!options.contains(initial)) return "'initial' must be one of the options";
            return null;
        }, () -> new Helper.Select(common, options, initial));
    }

    private static Optional<Helper> text(Helper.Common common, YamlMap h) {
        int min = h.integer("min", 0, 0, 4096), max = h.integer("max", 255, 1, 4096);
        Optional<Pattern> pattern = h.text("pattern").flatMap(p -> compile(h, p));
        String initial = h.text("initial", "");
        return checked(h, () -> {
            if (min > max) return "'min' must not exceed 'max'";
            if (initial.length() > max) return "'initial' is longer than 'max'";
            return null;
        }, () -> new Helper.TextInput(common, min, max, pattern, initial));
    }

    private static Optional<Helper> timer(Helper.Common common, YamlMap h) {
        Duration duration = h.duration("duration", Duration.ofMinutes(5));
        return checked(h, () -> duration.toMillis() < 1000 || duration.toSeconds() > Timer.MAX_SECONDS
                ? "'duration' must be from 1s to 31 days" : null, () -> new Timer(common, duration));
    }

    private static Optional<Helper> counter(Helper.Common common, YamlMap h) {
        double initial = h.number("initial").orElse(0), step = h.number("step").orElse(1);
        double min = h.number("min").orElse(Double.NEGATIVE_INFINITY), max = h.number("max").orElse(Double.POSITIVE_INFINITY);
        return checked(h, () -> {
            if (!(step > 0)) return "'step' must be more than 0";
            if (min > max) return "'min' must not exceed 'max'";
            if (initial < min || initial > max) return "'initial' must be from min to max";
            return null;
        }, () -> new Counter(common, initial, step, min, max));
    }

    private static Optional<Pattern> compile(YamlMap h, String pattern) {
        try {
            return Optional.of(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            h.problemAtValue("pattern", "'pattern' is not a regular expression: " + e.getDescription());
            return Optional.empty();
        }
    }

    /** Builds the helper when {@code check} finds nothing wrong (null), else reports what it found at the entry. */
    private static Optional<Helper> checked(YamlMap h, Supplier<String> check, Supplier<Helper> build) {
        String problem;
        try {
            problem = check.get();
        } catch (Helper.Refused e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            h.problem(h.node(), problem);
            return Optional.empty();
        }
        return Optional.of(build.get());
    }
}
