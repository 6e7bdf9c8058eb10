package dev.hearth.gateway;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's jar alone (a lean install, and this module's tests, which have no tools jar): the tools'
 * commands are unknown, like any unknown subcommand: exit status 2, nothing started.
 */
class ToolsAbsentTest {

    @Test
    void withoutTheToolsDemoVerifyAndSimulateAreUnknownSubcommands() {
        for (String command : new String[]{"demo", "verify", "simulate", "no-such-command"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.execute(new String[]{command, "-c", "config"}, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());

            assertThat(status).as(command).isEqualTo(2);
            assertThat(err.toString()).as(command).contains("Unmatched argument", "'" + command + "'");
            assertThat(out.toString()).as(command).isEmpty();
        }
    }

    @Test
    void theHelpListsTheGatewaysOwnCommandsOnly() {
        StringWriter out = new StringWriter();
        int status = Main.execute(new String[]{"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of());

        assertThat(status).isZero();
        assertThat(out.toString()).contains("  run ", "  check ", "  traces ", "  hash-password ")
                .doesNotContain("  demo ", "  verify ", "  simulate ");
    }
}
