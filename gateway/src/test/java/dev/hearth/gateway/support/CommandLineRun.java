package dev.hearth.gateway.support;

import dev.hearth.gateway.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the {@code hearth} command line in this JVM: its exit status and what it printed. */
public record CommandLineRun(int code, String out, String err) {

    public static CommandLineRun hearth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new CommandLineRun(code, out.toString(), err.toString());
    }
}
