package dev.hearth.gateway.automation.model;

import dev.hearth.gateway.device.Value;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** What must be true, at the moment a trigger fires, for the actions to run. */
public sealed interface Condition permits Condition.State, Condition.Numeric, Condition.Time, Condition.Sun,
        Condition.All, Condition.Any, Condition.Not, Condition.Expression, TriggerIdCondition {

    /** The result and, in words, what was tested and the values seen: the trace shows it as is. */
    record Check(boolean passed, String text) {
    }

    Check check(Facts facts);

    static Check all(List<Condition> conditions, Facts facts) {
        return new All(conditions).check(facts);
    }

    /** The attribute has the value {@code is}, and (with {@code heldFor}) has not changed for at least that long. */
    record State(AttributeRef ref, Value is, Optional<Duration> heldFor) implements Condition {
        public State {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(is, "is");
        }

        public State(AttributeRef ref, Value is) {
            this(ref, is, Optional.empty());
        }

        @Override
        public Check check(Facts facts) {
            Optional<Value> seen = facts.value(ref.device(), ref.attribute());
            boolean ok = seen.map(is::equals).orElse(false);
            String text = ref + " is " + is + " (was " + seen.map(Value::toString).orElse("unknown");
            if (heldFor.isEmpty()) return new Check(ok, text + ")");
            Optional<Instant> since = facts.lastChanged(ref.device(), ref.attribute());
            Duration held = since.map(s -> Duration.between(s, facts.now())).orElse(Duration.ZERO);
            return new Check(ok && since.isPresent() && held.compareTo(heldFor.get()) >= 0, text + ") for "
                    + dev.hearth.gateway.yaml.Durations.format(heldFor.get()) + " (for " + dev.hearth.gateway.yaml.Durations.format(
                    held.isNegative() ? Duration.ZERO : Duration.ofSeconds(held.getSeconds())) + ")");
        }
    }

    record Numeric(AttributeRef ref, OptionalDouble above, OptionalDouble below) implements Condition {
        public Numeric {
            Objects.requireNonNull(ref, "ref");
            if (above.isEmpty() && below.isEmpty()) throw new IllegalArgumentException("need above or below");
        }

        @Override
        public Check check(Facts facts) {
            Optional<Value> seen = facts.value(ref.device(), ref.attribute());
            boolean ok = seen.filter(v -> v instanceof Value.Number n && NumericRange.contains(above, below, n.value())).isPresent();
            return new Check(ok, ref + NumericRange.describe(above, below) + " (was " + seen.map(Value::toString).orElse("unknown") + ")");
        }
    }

    /**
     * A window of wall-clock time, {@code after} inclusive to {@code before} exclusive; when {@code after} is later
     * than {@code before} the window crosses midnight, and the weekday is the one the window started on.
     */
    record Time(Optional<LocalTime> after, Optional<LocalTime> before, Set<DayOfWeek> weekdays) implements Condition {
        public Time {
            weekdays = weekdays.isEmpty() ? Set.of(DayOfWeek.values()) : Set.copyOf(weekdays);
        }

        @Override
        public Check check(Facts facts) {
            ZonedDateTime now = facts.now().atZone(facts.zone());
            return new Check(TimeWindow.contains(after, before, weekdays, now.toLocalDateTime()),
                    "time" + after.map(a -> " after " + a).orElse("") + before.map(b -> " before " + b).orElse("")
                            + (weekdays.size() == 7 ? "" : " on " + Weekdays.describe(weekdays))
                            + " (was " + now.toLocalTime().withNano(0) + " " + Weekdays.describe(Set.of(now.getDayOfWeek())) + ")");
        }
    }

    /** After sunset (plus offset) or before sunrise (plus offset) today; both given: either (it is dark). */
    record Sun(Optional<Duration> afterSunset, Optional<Duration> beforeSunrise) implements Condition {
        @Override
        public Check check(Facts facts) {
            LocalDate today = facts.now().atZone(facts.zone()).toLocalDate();
            Instant now = facts.now();
            Optional<Instant> set = facts.sun().sunset(today);
            Optional<Instant> rise = facts.sun().sunrise(today);
            boolean afterSet = afterSunset.isPresent() && set.map(s -> !now.isBefore(s.plus(afterSunset.get()))).orElse(false);
            boolean beforeRise = beforeSunrise.isPresent() && rise.map(r -> now.isBefore(r.plus(beforeSunrise.get()))).orElse(false);
            return new Check(afterSet || beforeRise, "sun" + afterSunset.map(o -> " after sunset").orElse("")
                    + beforeSunrise.map(o -> " before sunrise").orElse("") + " (now " + local(now, facts) + ", sunrise "
                    + rise.map(r -> local(r, facts)).orElse("none") + ", sunset " + set.map(s -> local(s, facts)).orElse("none") + ")");
        }

        private static String local(Instant i, Facts f) {
            return i.atZone(f.zone()).toLocalTime().withNano(0).toString();
        }
    }

    record All(List<Condition> conditions) implements Condition {
        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public Check check(Facts facts) {
            List<String> parts = new ArrayList<>();
            for (Condition c : conditions) {
                Check r = c.check(facts);
                parts.add((r.passed() ? "passed: " : "failed: ") + r.text());
                if (!r.passed()) return new Check(false, "and(" + String.join("; ", parts) + ")");
            }
            return new Check(true, "and(" + String.join("; ", parts) + ")");
        }
    }

    record Any(List<Condition> conditions) implements Condition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public Check check(Facts facts) {
            List<String> parts = new ArrayList<>();
            for (Condition c : conditions) {
                Check r = c.check(facts);
                parts.add((r.passed() ? "passed: " : "failed: ") + r.text());
                if (r.passed()) return new Check(true, "or(" + String.join("; ", parts) + ")");
            }
            return new Check(false, "or(" + String.join("; ", parts) + ")");
        }
    }

    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }

        @Override
        public Check check(Facts facts) {
            Check inner = condition.check(facts);
            return new Check(!inner.passed(), "not(" + inner.text() + ")");
        }
    }

    /** A CEL expression that must evaluate to true; an evaluation error (a device not yet reported) is false. */
    record Expression(Expr expr) implements Condition {
        @Override
        public Check check(Facts facts) {
            Expr.Result r = expr.eval(facts.variables());
            String seen = r.value().isPresent() ? "was " + r.text() : "error: " + r.error();
            return new Check(r.isTrue(), "expr " + expr.source() + " (" + seen + ")");
        }
    }
}
