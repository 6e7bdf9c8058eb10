package dev.hearth.gateway.mqtt;

import ch.qos.logback.classic.Level;
import dev.hearth.gateway.support.LogLines;
import dev.hearth.sim.broker.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Paho's own log lines reach the gateway's log through SLF4J, and its per-packet trace costs nothing while off. */
class PahoLogTest {
    @BeforeAll
    static void theLinkIsLoaded() throws ClassNotFoundException {
        Class.forName(MqttLink.class.getName());
    }

    @Test
    void onceTheLinkIsLoadedPahoMakesItsLoggersFromPahoLog() {
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "ClientComms");

        assertThat(logger).isInstanceOf(PahoLog.class);
    }

    @Test
    void aPahoWarningReadsAsTheCatalogTextWithItsInsertsAtWarn() {
        Logger logger = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, "MqttAsyncClient");
        try (LogLines lines = LogLines.of(PahoLog.NAME)) {
            logger.warning("MqttAsyncClient", "<init>", "101", new Object[] {"kitchen", "tcp://127.0.0.1:1883", "memory"});

            assertThat(lines.lines()).containsExactly(
                    "WARN <init>: <init> ClientID=kitchen ServerURI=tcp://127.0.0.1:1883 PersistenceType=memory");
        }
    }

    @Test
    void pahoTraceIsWrittenOnlyWhenTraceIsOnForPahosLogger() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start()) {
            try (LogLines quiet = LogLines.of(PahoLog.NAME)) {
                connectAndClose(broker.url(), "quiet");
                assertThat(quiet.lines()).isEmpty();
            }
            try (LogLines tracing = LogLines.of(PahoLog.NAME, Level.TRACE)) {
                connectAndClose(broker.url(), "traced");
                assertThat(tracing.lines()).anyMatch(line -> line.startsWith("TRACE ") && line.contains("traced"));
            }
        }
    }

    private static void connectAndClose(String url, String clientId) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.connect(new MqttConnectionOptions()).waitForCompletion(5_000);
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
