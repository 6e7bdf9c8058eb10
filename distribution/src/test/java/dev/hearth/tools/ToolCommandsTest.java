package dev.hearth.tools;

import dev.hearth.gateway.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With the tools on the classpath, {@code hearth} has demo, verify and simulate besides its own commands. */
class ToolCommandsTest {

    private record Result(int code, String out, String err) {
    }

    private static Result hearth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theHelpListsTheToolsBesideTheGatewaysCommands() {
        Result help = hearth("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("  run ", "  check ", "  traces ", "  hash-password ", "  demo ", "  verify ", "  simulate ");
    }

    @Test
    void simulateIsTheSimulatorsCommandLineWithItsUsageAndExitStatuses(@TempDir Path dir) {
        Result help = hearth("simulate", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: simulate", "--scenario", "verify", "load", "fault");

        Result missing = hearth("simulate", "--broker", "tcp://127.0.0.1:1", "--scenario", dir.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("simulate: ", "none.yaml");

        Result unknown = hearth("simulate", "--no-such-option");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--no-such-option");
    }

    @Test
    void anUnknownSubcommandIsStillAnError() {
        Result unknown = hearth("no-such-command");

        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "'no-such-command'");
    }
}
