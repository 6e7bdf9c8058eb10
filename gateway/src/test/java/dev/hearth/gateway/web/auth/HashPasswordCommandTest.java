package dev.hearth.gateway.web.auth;

import dev.hearth.gateway.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hearth hash-password} reads the password from standard input and prints the gateway.yaml line. */
class HashPasswordCommandTest {
    private final InputStream stdin = System.in;

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    @Test
    void printsAHashThatAcceptsThePassword() {
        StringWriter out = new StringWriter();
        int status = run("kitchen table 42\n", out, new StringWriter());
        assertThat(status).isZero();
        String line = out.toString().strip();
        assertThat(line).startsWith("password_hash: pbkdf2-sha256$").doesNotContain("kitchen");
        PasswordHash hash = PasswordHash.parse(line.substring("password_hash: ".length())).orElseThrow();
        assertThat(hash.matches("kitchen table 42".toCharArray())).isTrue();
    }

    @Test
    void refusesAShortPassword() {
        StringWriter err = new StringWriter();
        assertThat(run("short\n", new StringWriter(), err)).isEqualTo(1);
        assertThat(err.toString()).contains("at least 8 characters");
    }

    private static int run(String input, StringWriter out, StringWriter err) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return Main.execute(new String[]{"hash-password"}, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    }
}
