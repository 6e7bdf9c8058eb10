package dev.hearth.gateway.bus;

/**
 * The event-bus contract: every address, who sends to it, and the record it carries. The bus carries
 * fan-out and queries; a message's own way from the broker through the home to its commands' publish is
 * in-process calls, on no address. All bodies are immutable {@link LocalMessage} records passed by
 * reference ({@link LocalCodec}). Documented for users and extension authors in docs/event-bus.md; keep
 * the two in step.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Broker outbox → uplink (send). Body: {@code message.InboundMessage} on a topic an {@code uplink.forward} rule
     * matches; the uplink rewrites its topic and queues it in its own outbox.
     */
    public static final String UPLINK_FORWARD = "hearth.uplink.forward";

    /**
     * Anyone → broker outbox (send). Body: {@code message.SubscriptionRequest}: topic filters to subscribe to from now
     * on and after every reconnect (a hot-reloaded automation's mqtt trigger, a discovered device's topics), and
     * filters no longer needed (a removed device's). A filter stays subscribed while anyone who asked for it still does.
     */
    public static final String MQTT_SUBSCRIBE = "hearth.mqtt.subscribe";

    /** Broker outbox → anyone (publish). Body: {@code message.ConnectionChanged}: its broker link is up (connected and subscribed) or went down. */
    public static final String MQTT_CONNECTION = "hearth.mqtt.connection";

    /**
     * Link → anyone (publish). Body: {@code message.ConnectionChanged} (connected false): an attempt to connect failed,
     * and why ("Connection refused"); once per reason in a row of failures. Not a change of the link's state: that
     * is {@link #MQTT_CONNECTION}'s.
     */
    public static final String MQTT_CONNECT_FAILED = "hearth.mqtt.connect-failed";

    /**
     * Core → anyone (publish). Body: {@code device.StateChanges}, the values that really changed, in order: one
     * message per burst of messages the core worked through, not per change.
     */
    public static final String DEVICE_STATE_CHANGED = "hearth.device.state-changed";

    /** Core → anyone (publish). Body: {@code device.AvailabilityChanged}. */
    public static final String DEVICE_AVAILABILITY_CHANGED = "hearth.device.availability-changed";

    /** Core → anyone (publish). Body: {@code device.EventReported}: a button or remote sent an event ({@code action}). */
    public static final String DEVICE_EVENT = "hearth.device.event";

    /**
     * Core → anyone (publish). Body: {@code device.DevicesChanged}: devices discovered (or described anew), renamed or
     * removed while the gateway runs, with the topics the broker link subscribes to and drops for them.
     */
    public static final String DEVICES_CHANGED = "hearth.device.devices-changed";

    /**
     * Anyone → core (request). Body: {@code commands.CommandRequested}. Validated against the device; the
     * reply comes when the broker has the command, a failure reply lists what the device does not accept.
     */
    public static final String DEVICE_COMMAND = "hearth.device.command";

    /**
     * Core → anyone (publish). Body: {@code commands.CommandFailed}: a command whose echo never came on the
     * device's state topic, after every retry (closed-loop commands, {@code commands:} in gateway.yaml).
     */
    public static final String DEVICE_COMMAND_FAILED = "hearth.device.command-failed";

    /**
     * Core → anyone (publish). Body: {@code commands.CommandConfirmed}: a closed-loop command whose device echoed the
     * requested values (the logbook records it). Once per confirmed command, never per state report.
     */
    public static final String DEVICE_COMMAND_CONFIRMED = "hearth.device.command-confirmed";

    /**
     * Home → notify (send). Body: {@code notify.Dispatch}: a notification or HTTP call an automation's run made, its
     * values rendered; delivered off the home's loop, kept in the database until delivered or expired.
     */
    public static final String NOTIFY_DISPATCH = "hearth.notify.dispatch";

    /**
     * Notify → home (send). Body: {@code automation.trace.AutomationRun}: the trace of one dispatch's delivery (each
     * attempt a step; outcome RAN when delivered, FAILED when refused or expired), kept with its automation's runs.
     */
    public static final String NOTIFY_DELIVERED = "hearth.notify.delivered";

    /**
     * Core → anyone (publish). Body: {@code automation.AutomationRuns}, traces in order (an automation ran, or a near
     * miss): one message per burst of messages the core worked through, not per run.
     */
    public static final String AUTOMATION_RUN = "hearth.automation.run";

    /**
     * Core → anyone (publish). Body: {@code automation.AutomationReload}: an edited automations file was reloaded,
     * or refused with its problems (the previous version keeps running).
     */
    public static final String AUTOMATION_RELOADED = "hearth.automation.reloaded";

    /** Anyone → core (request). Body: {@code AutomationQuery.ListAll}; reply {@code AutomationQuery.Listing}. */
    public static final String AUTOMATION_LIST = "hearth.automation.list";

    /** Anyone → core (request). Body: {@code AutomationQuery.RecentRuns}; reply {@code AutomationQuery.Runs}. */
    public static final String AUTOMATION_RUNS = "hearth.automation.runs";

    /** Anyone → core (request). Body: {@code AutomationQuery.Control} (enable/disable, trigger now). */
    public static final String AUTOMATION_CONTROL = "hearth.automation.control";

    /**
     * Anyone → outbox (request). Body: {@code outbox.OutboxStatus.Query}; reply {@code outbox.OutboxStatus}:
     * what is queued for the broker and how fast it drains.
     */
    public static final String OUTBOX_STATUS = "hearth.outbox.status";

    /**
     * Anyone → outbox (request). Body: {@code outbox.DeadLetter.ListAll} or {@code DeadLetter.Retry(ids)};
     * reply {@code outbox.DeadLetter.Listing}: the messages the broker refused every time, after a retry the rest.
     */
    public static final String OUTBOX_DEAD_LETTERS = "hearth.outbox.dead-letters";

    /**
     * Logbook → anyone (publish). Body: {@code logbook.LogbookEntries}: entries just recorded (the dashboard's live
     * logbook), published before they are written.
     */
    public static final String LOGBOOK_ENTRIES = "hearth.logbook.entries";

    /**
     * Anyone → logbook (request). Body: {@code logbook.LogbookEntries.Flush}; replied to (with the same body) once
     * every entry published on {@link #LOGBOOK_ENTRIES} before the request is committed: a page read after the reply
     * shows whatever the live stream has shown.
     */
    public static final String LOGBOOK_FLUSH = "hearth.logbook.flush";

    /**
     * Home loop → Home Assistant announcer (send). Body: {@code message.InboundMessage} on the gateway's own
     * {@code <base>/ha/…} topics: Home Assistant's commands on Hearth's entities and the retained list of what was
     * announced ({@code discovery.homeassistant.publish}).
     */
    public static final String HOMEASSISTANT_INBOUND = "hearth.homeassistant.inbound";
}
