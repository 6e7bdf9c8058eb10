package dev.hearth.gateway.automation.model;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.hearth.gateway.yaml.YamlMap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A five-field Unix cron expression in the configured zone. Across daylight-saving changes it behaves as cron does
 * (and as a {@code time} trigger): a job at a fixed time of day runs once on both days, on the spring-forward day as
 * far after the skipped time as the clock jumped (02:30 at 03:30), on the fall-back day at the first 02:30 only; a job
 * with a wildcard or step in its minute or hour field runs by real time, through the repeated hour as through any.
 */
public record CronTrigger(String expression, ExecutionTime schedule, boolean fixedTime) implements Trigger.Scheduled {
    public static final TriggerKind KIND = new TriggerKind("cron", CronTrigger::read);

    /** Built on the first cron trigger: cron-utils' classes and definitions cost start-up time in homes with none. */
    private static final class UnixCron {
        static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    }

    private static Optional<Trigger> read(YamlMap t, TriggerParts parts) {
        if (!t.has("cron")) t.missing("cron");
        return t.text("cron").flatMap(expression -> {
            try {
                Cron cron = UnixCron.PARSER.parse(expression).validate();
                return Optional.of(new CronTrigger(expression, ExecutionTime.forCron(cron), isFixedTime(cron)));
            } catch (IllegalArgumentException e) {
                t.problemAtValue("cron", "bad cron expression '" + expression + "': " + e.getMessage()
                        + " (five fields: minute hour day-of-month month day-of-week)");
                return Optional.empty();
            }
        });
    }

    /** Vixie cron's rule: a job is bound to the wall clock unless its minute or hour is {@code *} or a step. */
    private static boolean isFixedTime(Cron cron) {
        return !isWildcard(cron, CronFieldName.MINUTE) && !isWildcard(cron, CronFieldName.HOUR);
    }

    private static boolean isWildcard(Cron cron, CronFieldName field) {
        var e = cron.retrieve(field).getExpression();
        return e instanceof Always || e instanceof Every;
    }

    @Override
    public Optional<Instant> next(Instant after, ZoneId zone, SunClock sun) {
        if (!fixedTime) return schedule.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
        // Stepped on the wall clock (cron-utils on a zone skips a time the clock jumps over): each wall-clock moment
        // once, at its first occurrence, a skipped one after the gap.
        LocalDateTime wall = after.atZone(zone).toLocalDateTime();
        while (true) {
            Optional<LocalDateTime> next = schedule.nextExecution(wall.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
            if (next.isEmpty()) return Optional.empty();
            Instant moment = ZonedDateTime.of(next.get(), zone).toInstant();
            if (moment.isAfter(after)) return Optional.of(moment);
            wall = next.get();
        }
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
