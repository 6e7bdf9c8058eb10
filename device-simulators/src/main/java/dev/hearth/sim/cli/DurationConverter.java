package dev.hearth.sim.cli;

import dev.hearth.sim.time.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Lets users write 10s or 500ms on the command line. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration like 500ms, 10s, 5m or 1h"));
    }
}
