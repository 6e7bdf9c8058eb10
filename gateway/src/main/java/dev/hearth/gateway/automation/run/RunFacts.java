package dev.hearth.gateway.automation.run;

import dev.hearth.gateway.automation.model.Expr;
import dev.hearth.gateway.automation.model.Facts;
import dev.hearth.gateway.automation.model.StateView;
import dev.hearth.gateway.automation.model.SunClock;
import dev.hearth.gateway.device.DeviceId;
import dev.hearth.gateway.device.Value;
import dev.hearth.gateway.time.Scheduler;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/** What one run sees: device state, the clock, the sun, and its variables before the devices of the same name. */
record RunFacts(StateView states, Scheduler scheduler, SunClock sun, Expr.Variables run) implements Facts {
    @Override
    public Optional<Value> value(DeviceId device, String attribute) {
        return states.value(device, attribute);
    }

    @Override
    public Optional<Instant> lastChanged(DeviceId device, String attribute) {
        return states.lastChanged(device, attribute);
    }

    @Override
    public Instant now() {
        return scheduler.now();
    }

    @Override
    public ZoneId zone() {
        return scheduler.zone();
    }

    @Override
    public Expr.Variables variables() {
        return name -> run.find(name).or(() -> Optional.of(states.attributes(new DeviceId(name))));
    }
}
