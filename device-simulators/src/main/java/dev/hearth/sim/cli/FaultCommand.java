package dev.hearth.sim.cli;

import dev.hearth.sim.device.DeviceTopics;
import dev.hearth.sim.fault.Fault;
import dev.hearth.sim.fault.FaultInjector;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "fault", mixinStandardHelpOptions = true,
        description = "Make a simulated temperature sensor misbehave in one specific way.")
final class FaultCommand implements Callable<Integer> {
    /** CLI spelling of the fault kinds. */
    enum Kind {
        MALFORMED_JSON, WRONG_TYPE, OVERSIZE, DUPLICATE, OUT_OF_ORDER, OFFLINE, FLAP;

        String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    static final class KindConverter implements CommandLine.ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            return Arrays.stream(Kind.values()).filter(k -> k.cliName().equals(value)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("unknown fault kind '" + value
                            + "' (expected one of " + String.join(", ", new KindNames()) + ")"));
        }
    }

    static final class KindNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Kind.values()).map(Kind::cliName).iterator();
        }
    }

    @ParentCommand
    Simulate parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--kind", required = true, converter = KindConverter.class, completionCandidates = KindNames.class,
            description = "One of: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(names = "--topic", defaultValue = "zigbee2mqtt/fault_sensor",
            description = "The faulty device's topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--value-per-topic", description = "Use the value-per-topic convention instead of Zigbee2MQTT.")
    boolean valuePerTopic;

    @Option(names = "--size", defaultValue = "1048576", description = "Bytes for oversize (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--times", defaultValue = "5", description = "Cycles for flap (default: ${DEFAULT-VALUE}).")
    int times;

    @Option(names = "--pause", defaultValue = "1s", converter = DurationConverter.class,
            description = "Pause between flap steps (default: ${DEFAULT-VALUE}).")
    Duration pause;

    @Option(names = "--hold", defaultValue = "0s", converter = DurationConverter.class,
            description = "Keep running this long after injecting, e.g. to stay offline (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Override
    public Integer call() {
        DeviceTopics topics = valuePerTopic ? DeviceTopics.valuePerTopic(topic) : DeviceTopics.zigbee2mqtt(topic);
        try (FaultInjector injector = new FaultInjector(parent.broker, topics)) {
            injector.inject(fault()).forEach(line -> spec.commandLine().getOut().println(kind.cliName() + ": " + line));
            LockSupport.parkNanos(hold.toNanos());
            if (kind != Kind.OFFLINE && !injector.awaitSent(Duration.ofSeconds(10))) {
                spec.commandLine().getErr().println("fault: not all messages reached the broker");
                return Simulate.FAILED;
            }
        }
        return 0;
    }

    private Fault fault() {
        return switch (kind) {
            case MALFORMED_JSON -> new Fault.MalformedJson();
            case WRONG_TYPE -> new Fault.WrongType();
            case OVERSIZE -> new Fault.Oversize(size);
            case DUPLICATE -> new Fault.Duplicate();
            case OUT_OF_ORDER -> new Fault.OutOfOrder();
            case OFFLINE -> new Fault.Offline();
            case FLAP -> new Fault.Flap(times, pause);
        };
    }
}
