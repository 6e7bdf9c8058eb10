package dev.hearth.gateway.home;

import dev.hearth.gateway.device.DeviceSpec;
import dev.hearth.gateway.helper.Helper;
import dev.hearth.gateway.presence.People;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries the home keeps itself, beside the MQTT devices: helpers (helpers.yaml) and people (people.yaml). They
 * are in the device registry like devices; this says how each behaves.
 */
public record Locals(List<Helper> helpers, People people) {
    public static final Locals NONE = new Locals(List.of(), People.NONE);

    public Locals {
        helpers = List.copyOf(helpers);
    }

    /** Their registry entries. */
    public List<DeviceSpec> specs() {
        List<DeviceSpec> all = new ArrayList<>(helpers.stream().map(Helper::spec).toList());
        all.addAll(people.specs());
        return all;
    }
}
