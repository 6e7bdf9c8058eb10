package dev.hearth.gateway.mqtt;

import io.vertx.core.Context;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/** Small calls around a Paho client shared by the link's parts: callbacks handed to the link's context, a quiet close. */
final class Paho {
    private static final Logger log = LoggerFactory.getLogger(Paho.class);

    private Paho() {
    }

    interface OnSuccess {
        void accept(IMqttToken token);
    }

    interface OnFailure {
        void accept(Throwable error);
    }

    /** Hands Paho's callbacks to the link's context, where all state lives. */
    static MqttActionListener onContext(Context context, OnSuccess ok, OnFailure failed) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                context.runOnContext(v -> ok.accept(token));
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                context.runOnContext(v -> failed.accept(e));
            }
        };
    }

    /** The cause's message, which says more than Paho's wrapper ("Connection lost"). */
    static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Publishes the retained offline status and waits up to a second for it: a clean stop says goodbye. Blocks. */
    static void sayOffline(MqttAsyncClient c, String statusTopic) {
        try {
            c.publish(statusTopic, PahoOptions.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(1000);
        } catch (MqttException e) {
            log.debug("Could not publish offline status: {}", e.getMessage());
        }
    }

    /** Disconnects and closes a client, ignoring what a dead connection throws. Blocks: call off the event loop. */
    static Void closeQuietly(MqttAsyncClient c, long quiesceMillis) {
        try {
            if (c.isConnected()) c.disconnectForcibly(quiesceMillis, 1000, false);
        } catch (MqttException | RuntimeException e) {
            log.debug("Disconnect: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            log.debug("Close: {}", e.getMessage());
        }
        return null;
    }
}
