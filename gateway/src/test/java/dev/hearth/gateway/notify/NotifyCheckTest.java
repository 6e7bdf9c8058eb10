package dev.hearth.gateway.notify;

import dev.hearth.gateway.Main;
import dev.hearth.gateway.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hearth check} on notify services and the notify and http actions: each mistake with its file:line:column. */
class NotifyCheckTest {
    private static final String SERVICES = """
            notify:
              phone: { type: ntfy, url: "https://ntfy.sh", topic: my-home, token_env: NTFY_TOKEN }
              mail:  { type: smtp, host: smtp.example.org, port: 587, starttls: true, username: me, password_env: SMTP_PASSWORD, from: hearth@example.org, to: [me@example.org] }
              hook:  { type: webhook, url: "http://192.168.1.5:8123/api/webhook/abc", method: POST }
            """;
    private static final String AUTOMATIONS = """
            automations:
              - id: washer_done
                triggers:
                  - { trigger: state, device: hallway_motion, attribute: occupancy, to: false, for: 5m }
                actions:
                  - notify: { service: phone, title: "Washer", message: "Done after ${trigger.for}" }
                  - notify: { service: mail, message: "Done" }
                  - http: { method: POST, url: "http://192.168.1.5:1880/washer", headers: { X-Key: abc }, body: '{"done": true}' }
            """;

    @TempDir
    Path dir;

    private String check(String gateway, String automations, Map<String, String> env) throws IOException {
        Files.createDirectories(dir.resolve("automations"));
        Files.writeString(dir.resolve("gateway.yaml"), gateway);
        Files.writeString(dir.resolve("devices.yaml"), TestHome.DEVICES);
        Files.writeString(dir.resolve("automations/test.yaml"), automations);
        StringWriter err = new StringWriter();
        int status = Main.execute(new String[]{"check", "-c", dir.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err), env);
        return status + "\n" + err;
    }

    private static final Map<String, String> ENV = Map.of("NTFY_TOKEN", "tk_x", "SMTP_PASSWORD", "pw");

    @Test
    void theIssuesExampleChecks() throws IOException {
        assertThat(check(TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + SERVICES, AUTOMATIONS, ENV)).isEqualTo("0\n");
    }

    @Test
    void serviceMistakesAreReportedWhereTheyAreWritten() throws IOException {
        String gateway = TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + SERVICES
                .replace("type: ntfy", "type: ntfi")
                .replace("password_env: SMTP_PASSWORD", "password: hunter2")
                .replace("\"http://192.168.1.5:8123/api/webhook/abc\"", "ftp://x");
        String out = check(gateway, AUTOMATIONS, ENV);
        String file = dir.resolve("gateway.yaml").toString();
        assertThat(out).startsWith("2\n").contains("3 problems found")
                .contains(file + ":15:18: 'type' must be one of ntfy, smtp, webhook, got 'ntfi' (did you mean 'ntfy'?)")
                .contains(file + ":16:89: write no password inline: use password_env")
                .contains(file + ":17:32: 'url' must be an http:// or https:// URL with a host, got 'ftp://x'");
    }

    @Test
    void aMissingTokenVariableIsReported() throws IOException {
        String out = check(TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + SERVICES, AUTOMATIONS, Map.of("SMTP_PASSWORD", "pw"));
        assertThat(out).startsWith("2\n").contains(dir.resolve("gateway.yaml") + ":15:64: environment variable NTFY_TOKEN is not set");
    }

    @Test
    void actionMistakesAreReportedWhereTheyAreWritten() throws IOException {
        String automations = AUTOMATIONS.replace("service: phone", "service: phon")
                .replace("method: POST, url: \"http://192.168.1.5:1880/washer\"", "method: SEND, url: \"192.168.1.5/washer\"");
        String out = check(TestHome.externalBroker("tcp://127.0.0.1:1", "30s") + SERVICES, automations, ENV);
        String file = dir.resolve("automations/test.yaml").toString();
        assertThat(out).startsWith("2\n")
                .contains(file + ":6:28: no notify service 'phon' in gateway.yaml (did you mean 'phone'?); it names: hook, mail, phone")
                .contains(file + ":8:25: 'method' must be one of GET, POST, PUT, PATCH, DELETE, got 'SEND'")
                .contains(file + ":8:36: 'url' must be an http:// or https:// URL with a host, got '192.168.1.5/washer'");
    }
}
