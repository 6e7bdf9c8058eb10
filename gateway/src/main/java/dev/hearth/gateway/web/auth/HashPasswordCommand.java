package dev.hearth.gateway.web.auth;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code hearth hash-password}: reads a password (twice at a terminal, once from a pipe) and prints
 * the line to put in gateway.yaml as {@code http.password_hash}. The password never appears on the
 * command line, where other users could see it in the process list.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Read a dashboard password from the terminal or standard input and print its hash for gateway.yaml (http.password_hash).")
public final class HashPasswordCommand implements Callable<Integer> {
    static final int MIN_LENGTH = 8;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        char[] password = read();
        try {
            if (password == null || password.length < MIN_LENGTH) {
                spec.commandLine().getErr().println("The password must have at least " + MIN_LENGTH + " characters.");
                return 1;
            }
            spec.commandLine().getOut().println("password_hash: " + PasswordHash.of(password).encoded());
            return 0;
        } finally {
            if (password != null) Arrays.fill(password, '\0');
        }
    }

    private char[] read() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Dashboard password: ");
            char[] second = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, second)) {
                spec.commandLine().getErr().println("The two entries differ.");
                return null;
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
