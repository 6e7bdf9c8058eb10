package dev.hearth.sim.device;

/** How a device lays out its state, commands and availability on MQTT. */
public enum Convention {
    /** One JSON object per state topic, commands on {@code <topic>/set}. */
    ZIGBEE2MQTT(new JsonStateCodec()),
    /** Homie/Tasmota-like: one plain value per {@code <base>/<attribute>} topic. */
    VALUE_PER_TOPIC(new ValuePerTopicCodec());

    private final PayloadCodec codec;

    Convention(PayloadCodec codec) {
        this.codec = codec;
    }

    public PayloadCodec codec() {
        return codec;
    }
}
