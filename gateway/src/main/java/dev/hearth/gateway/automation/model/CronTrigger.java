package dev.hearth.gateway.automation.model;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A five-field Unix cron expression in the configured zone. */
public record CronTrigger(String expression, ExecutionTime schedule) implements Trigger.Scheduled {
    public static final TriggerKind KIND = new TriggerKind("cron", CronTrigger::read);

    /** Built on the first cron trigger: cron-utils' classes and definitions cost start-up time in homes with none. */
    private static final class UnixCron {
        static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        if (!t.has("cron")) t.missing("cron");
        return t.text("cron").flatMap(expression -> {
            try {
                return Optional.of(new CronTrigger(expression, ExecutionTime.forCron(UnixCron.PARSER.parse(expression).validate())));
            } catch (IllegalArgumentException e) {
                t.problemAtValue("cron", "bad cron expression '" + expression + "': " + e.getMessage()
                        + " (five fields: minute hour day-of-month month day-of-week)");
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone, SunClock sun) {
        return schedule.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronTrigger c && c.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String describe() {
        return "cron '" + expression + "'";
    }
}
