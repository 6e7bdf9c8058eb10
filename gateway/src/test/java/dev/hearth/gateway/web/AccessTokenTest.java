package dev.hearth.gateway.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.gateway.Main;
import dev.hearth.gateway.support.TestHome;
import dev.hearth.gateway.web.auth.AccessToken;
import dev.hearth.sim.net.FreePort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14, item 16: the access token is in no log line; {@code hearth token} shows or rotates it. */
class AccessTokenTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartLogsWhereTheTokenIsButNotTheToken() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        root.addAppender(lines);
        String token;
        try {
            int port = FreePort.loopback();
            try (TestHome home = TestHome.start(dir, TestHome.embeddedBroker(port), "tcp://127.0.0.1:" + port).awaitConnected()) {
                token = home.gateway().accessToken().value();
                assertThat(home.gateway().accessToken().created()).isTrue();
            }
        } finally {
            root.detachAppender(lines);
        }
        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).noneMatch(m -> m.contains(token));
        assertThat(messages).anyMatch(m -> m.contains("Dashboard access token created in " + dir.resolve("data/web-token")));
    }

    @Test
    void hearthTokenShowsTheTokenAndRotateReplacesIt() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        String first = AccessToken.loadOrCreate(data).value();

        assertThat(token("--data-dir", data.toString())).isEqualTo(first);
        String rotated = token("--data-dir", data.toString(), "--rotate");
        assertThat(rotated).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(20);
        assertThat(token("-d", data.toString())).isEqualTo(rotated);
        assertThat(AccessToken.loadOrCreate(data).value()).isEqualTo(rotated);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("web-token")))).isEqualTo("rw-------");
    }

    private static String token(String... args) {
        StringWriter out = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "token";
        System.arraycopy(args, 0, command, 1, args.length);
        assertThat(Main.execute(command, new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of())).isZero();
        return out.toString().strip();
    }
}
