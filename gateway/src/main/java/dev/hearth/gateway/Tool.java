package dev.hearth.gateway;

/**
 * A {@code hearth} subcommand that ships outside the gateway's jar: the distribution's tools jar
 * ({@code demo}, {@code verify}, {@code simulate}) lists its tools in
 * {@code META-INF/services/dev.hearth.gateway.Tool}, and {@link Main} adds each as a subcommand. An
 * implementation is a picocli {@code @Command} with a public no-argument constructor; one that extends
 * {@link ConfiguredCommand} gets the CLI's environment. Without the tools jar these commands are unknown
 * (exit status 2), and the gateway's jar holds neither the simulators nor anything they need.
 */
public interface Tool {
}
