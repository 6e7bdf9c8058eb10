package dev.hearth.gateway.commands;

import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.DeviceRegistry;
import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.VirtualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Closed-loop commands on virtual time: confirmed by the echo, else resent with jitter, then failed. */
class CommandConfirmationsTest {
    private static final DeviceId LIGHT = new DeviceId("light");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final VirtualScheduler time = new VirtualScheduler(T0, ZoneOffset.UTC);
    private final List<CommandFailed> failures = new ArrayList<>();
    private final AtomicInteger sends = new AtomicInteger();
    private DeviceRegistry registry;
    private CommandConfirmations confirmations;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        DeviceSpec light = dev.hearth.gateway.support.TestHome.writeAndLoad(dir,
                dev.hearth.gateway.support.TestHome.externalBroker("tcp://127.0.0.1:1883", "30s"),
                "devices:\n  - { id: light, kind: light, state_topic: z/light }\n", "automations: []\n").devices().get(0);
        registry = new DeviceRegistry(List.of(light), 4096);
        confirmations = new CommandConfirmations(new ConfirmationSettings(true, Duration.ofSeconds(5), 2, Duration.ofSeconds(1)),
                time, bound -> bound - 1, failures::add);
    }

    @Test
    void aDeviceThatNeverEchoesGetsTheCommandThreeTimesThenItFails() {
        send(Map.of("state", Value.of("ON")));
        time.advance(Duration.ofMillis(4999));
        assertThat(sends).hasValue(1);
        time.advance(Duration.ofMillis(1 + 999));
        assertThat(sends).hasValue(2);
        time.advance(Duration.ofSeconds(6));
        assertThat(sends).hasValue(3);
        assertThat(failures).isEmpty();
        time.advance(Duration.ofSeconds(5));
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.device()).isEqualTo(LIGHT);
            assertThat(f.attempts()).isEqualTo(3);
            assertThat(f.correlationId()).isEqualTo("c1");
        });
        time.advance(Duration.ofMinutes(5));
        assertThat(sends).hasValue(3);
        assertThat(confirmations.waiting()).isZero();
    }

    @Test
    void aLateEchoWithinTheTimeoutConfirmsOnceAndNothingIsResent() {
        send(Map.of("state", Value.of("ON"), "brightness", Value.of(200)));
        time.advance(Duration.ofMillis(4900));
        report("{\"state\":\"ON\",\"brightness\":200}");
        time.advance(Duration.ofMinutes(1));
        assertThat(sends).hasValue(1);
        assertThat(failures).isEmpty();
        assertThat(confirmations.confirmed()).isEqualTo(1);
    }

    @Test
    void aReportWithOtherValuesDoesNotConfirm() {
        send(Map.of("state", Value.of("ON")));
        time.advance(Duration.ofSeconds(1));
        report("{\"state\":\"OFF\"}");
        time.advance(Duration.ofSeconds(5));
        assertThat(sends).hasValue(2);
        report("{\"state\":\"ON\"}");
        time.advance(Duration.ofMinutes(1));
        assertThat(sends).hasValue(2);
        assertThat(failures).isEmpty();
    }

    @Test
    void aNewerCommandForTheSameAttributeReplacesTheOlderOne() {
        send(Map.of("state", Value.of("ON")));
        time.advance(Duration.ofSeconds(1));
        send(Map.of("state", Value.of("OFF")));
        report("{\"state\":\"OFF\"}");
        time.advance(Duration.ofMinutes(1));
        assertThat(sends).hasValue(2);
        assertThat(failures).isEmpty();
    }

    private void send(Map<String, Value> set) {
        confirmations.send(new CommandRequested(LIGHT, set, "test"), "c" + (sends.get() + 1), registry.spec(LIGHT).orElseThrow().reported(set.keySet()), () -> {
            sends.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
    }

    private void report(String json) {
        registry.apply(registry.routes().route("z/light").orElseThrow(), json.getBytes(StandardCharsets.UTF_8), time.now());
        confirmations.onReport(LIGHT, registry.state(LIGHT));
    }
}
