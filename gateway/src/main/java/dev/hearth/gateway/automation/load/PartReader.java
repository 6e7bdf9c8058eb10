package dev.hearth.gateway.automation.load;

import dev.hearth.gateway.automation.model.AttributeRef;
import dev.hearth.gateway.automation.model.TriggerParts;
import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.ExprScope;
import dev.hearth.gateway.automation.model.Template;
import dev.hearth.gateway.automation.model.Weekdays;
import dev.hearth.gateway.yaml.Durations;
import dev.hearth.gateway.yaml.YamlMap;
import dev.hearth.gateway.yaml.YamlScalars;
import dev.hearth.gateway.device.AttributeSpec;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.device.ValueType;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the trigger, condition and action readers of one automation share: devices, the expression scope,
 * and typed reading of values, times, durations and expressions. A problem anywhere marks the automation failed.
 */
final class PartReader implements TriggerParts {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(.*?)}");

    final DeviceLookup devices;
    private final ExprScope scope;
    private final List<EnableRef> enableRefs;
    private boolean failed;

    /** An enable/disable action naming an automation, checked once every file is read. */
    record EnableRef(String automation, YamlMap at, String key) {
    }

    PartReader(DeviceLookup devices, ExprScope scope, List<EnableRef> enableRefs) {
        this.devices = devices;
        this.scope = scope;
        this.enableRefs = enableRefs;
    }

    boolean failed() {
        return failed;
    }

    void fail() {
        failed = true;
    }

    void enableRef(String automation, YamlMap at, String key) {
        enableRefs.add(new EnableRef(automation, at, key));
    }

    <T> List<T> each(YamlMap parent, String key, Function<YamlMap, Optional<T>> reader) {
        List<T> out = new ArrayList<>();
        boolean broken = false;
        for (YamlMap item : parent.listOfMaps(key)) {
            Optional<T> part = reader.apply(item);
            if (part.isPresent()) out.add(part.get());
            else broken = true;
        }
        if (broken) failed = true;
        return out;
    }

    <T> T track(Optional<T> part) {
        if (part.isEmpty()) failed = true;
        return part.orElse(null);
    }

    @Override
    public Optional<DeviceSpec> device(YamlMap m) {
        return devices.device(m);
    }

    /**
     * {@inheritDoc} A group stands for its first member known now (the caller copies what it read for the other
     * members, see {@link GroupReader}); every known member must have the attribute.
     */
    @Override
    public Optional<Watched> watched(YamlMap m) {
        Optional<List<DeviceId>> group = devices.group(m, "device");
        if (group.isPresent()) return GroupReader.representative(m, devices, group.get());
        Optional<DeviceSpec> device = devices.device(m);
        if (device.isEmpty()) {
            m.has("attribute");
            return Optional.empty();
        }
        return devices.attribute(m, device.get()).map(a -> new Watched(new AttributeRef(device.get().id(), a.name()), a));
    }

    @Override
    public boolean numeric(YamlMap m, Watched w) {
        if (w.spec().type() == ValueType.NUMBER) return true;
        m.problemAtKey("attribute", w.ref() + " is not a number (it is " + w.spec().type().yamlName() + "); use a state trigger or condition");
        return false;
    }

    @Override
    public boolean rangeOk(YamlMap m, OptionalDouble above, OptionalDouble below) {
        if (above.isEmpty() && below.isEmpty()) {
            m.problem(m.node(), "give 'above', 'below' or both");
            return false;
        }
        if (above.isPresent() && below.isPresent() && above.getAsDouble() >= below.getAsDouble()) {
            m.problemAtKey("above", "'above' must be less than 'below', or nothing can match");
            return false;
        }
        return true;
    }

    @Override
    public Optional<Value> value(YamlMap m, String key, AttributeSpec spec) {
        Optional<Node> node = m.value(key);
        if (node.isEmpty()) return Optional.empty();
        Optional<Object> plain = spec.type() == ValueType.COMPOSITE ? YamlScalars.structured(node.get()) : YamlScalars.plain(node.get());
        Optional<Value> v = plain.flatMap(spec::accept);
        if (v.isEmpty()) {
            String what = key.equals(spec.name()) ? "'" + key + "'" : "'" + key + "' (a value of " + spec.name() + ")";
            m.problem(node.get(), what + " must be " + spec.expectation() + ", got "
                    + plain.map(x -> "'" + x + "'").orElse("nothing"));
        }
        return v;
    }

    /** A value for an attribute: a constant checked against the attribute now, or an expression checked when it runs. */
    Optional<Template> valueOrExpression(YamlMap m, String key, AttributeSpec spec) {
        Optional<Node> node = m.value(key);
        if (node.isPresent() && node.get() instanceof ScalarNode s && !Tag.NULL.equals(s.getTag()) && s.getValue().contains("${")) {
            return template(m, key);
        }
        return value(m, key, spec).map(Template::of);
    }

    /** Text with {@code ${expression}} parts, each compiled now. */
    Optional<Template> template(YamlMap m, String key) {
        Optional<String> text = m.text(key);
        if (text.isEmpty()) return Optional.empty();
        List<Object> parts = new ArrayList<>();
        Matcher matcher = EXPRESSION.matcher(text.get());
        int last = 0;
        boolean ok = true;
        while (matcher.find()) {
            if (matcher.start() > last) parts.add(text.get().substring(last, matcher.start()));
            Optional<Expr> e = compile(m, key, matcher.group(1));
            if (e.isPresent()) parts.add(e.get());
            else ok = false;
            last = matcher.end();
        }
        if (last < text.get().length()) parts.add(text.get().substring(last));
        if (!ok) return Optional.empty();
        if (parts.stream().noneMatch(p -> p instanceof Expr)) return Optional.of(Template.of(Value.of(text.get())));
        return Optional.of(new Template(Optional.empty(), parts));
    }

    Optional<Expr> expression(YamlMap m, String key) {
        return m.text(key).flatMap(source -> compile(m, key, source));
    }

    private Optional<Expr> compile(YamlMap m, String key, String source) {
        // Not compiled now: the automation waits for these devices, and is read again when they are discovered.
        if (devices.await(m, key, scope.undeclaredDevices(source))) return Optional.empty();
        ExprScope.Compiled c = scope.compile(source);
        String shown = source.length() <= 80 ? source : source.substring(0, 77) + "...";
        c.problems().forEach(p -> m.problemAtValue(key, "expression '" + shown + "' does not compile: " + p));
        return Optional.ofNullable(c.expr());
    }

    @Override
    public Optional<LocalTime> time(YamlMap m, String key) {
        return m.text(key).flatMap(t -> {
            try {
                return Optional.of(LocalTime.parse(t.length() == 4 ? "0" + t : t));
            } catch (DateTimeParseException e) {
                m.problemAtValue(key, "'" + key + "' must be a time of day such as 07:30 or 22:15:00, got '" + t + "'");
                return Optional.empty();
            }
        });
    }

    @Override
    public Set<DayOfWeek> weekdays(YamlMap m) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : m.listOfText("weekdays")) {
            Optional<DayOfWeek> day = Weekdays.parse(d);
            if (day.isPresent()) days.add(day.get());
            else m.problemAtValue("weekdays", "unknown weekday '" + d + "' (expected " + String.join(", ", Weekdays.NAMES) + ")");
        }
        return days;
    }

    @Override
    public Optional<Duration> signedDuration(YamlMap m, String key) {
        return m.text(key).flatMap(t -> {
            boolean negative = t.strip().startsWith("-");
            String body = t.strip().replaceFirst("^[-+]", "");
            Optional<Duration> d = Durations.parse(body).map(x -> negative ? x.negated() : x);
            if (d.isEmpty()) m.problemAtValue(key, "'" + key + "' must be a duration such as -30m or 1h, got '" + t + "'");
            return d;
        });
    }
}
