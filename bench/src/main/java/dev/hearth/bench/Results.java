package dev.hearth.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every figure the run measured, kept per (section, metric, subject) over the repeats. */
final class Results {
    /** How a metric reads: its unit and which direction is better. */
    record Metric(String section, String name, String unit, boolean lowerIsBetter) {
    }

    private final Map<Metric, Map<String, List<Double>>> values = new LinkedHashMap<>();
    private final Set<String> subjects = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();

    /** A step that could not finish; the report lists it instead of its figures. */
    synchronized void failed(String step, Exception e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        failures.add(step + ": " + why);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized void add(Metric metric, String subject, double value) {
        subjects.add(subject);
        values.computeIfAbsent(metric, m -> new LinkedHashMap<>()).computeIfAbsent(subject, s -> new ArrayList<>()).add(value);
    }

    synchronized List<Metric> metrics() {
        return List.copyOf(values.keySet());
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects);
    }

    synchronized List<String> sections() {
        return values.keySet().stream().map(Metric::section).distinct().toList();
    }

    synchronized List<Double> of(Metric metric, String subject) {
        return List.copyOf(values.getOrDefault(metric, Map.of()).getOrDefault(subject, List.of()));
    }

    /** The median over the repeats, if the metric was measured for the subject. */
    Optional<Double> median(Metric metric, String subject) {
        List<Double> v = new ArrayList<>(of(metric, subject));
        if (v.isEmpty()) return Optional.empty();
        v.sort(Double::compare);
        int n = v.size();
        return Optional.of(n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2);
    }

    Optional<Metric> find(String section, String name) {
        return metrics().stream().filter(m -> m.section().equals(section) && m.name().equals(name)).findFirst();
    }

    Optional<Double> median(String section, String name, String subject) {
        return find(section, name).flatMap(m -> median(m, subject));
    }
}
