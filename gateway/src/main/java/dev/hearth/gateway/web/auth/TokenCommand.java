package dev.hearth.gateway.web.auth;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code hearth token}: prints the dashboard access token (the one line, for scripts), or with
 * {@code --rotate} replaces it with a new one. Reading the token file needs the gateway user's rights,
 * which is the point: the token is in no log.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print the dashboard access token, or replace it with --rotate.")
public final class TokenCommand implements Callable<Integer> {
    @Option(names = {"-d", "--data-dir"}, description = "The gateway's data directory (gateway.data_dir). Default: ${DEFAULT-VALUE}")
    Path dataDir = Path.of("data");

    @Option(names = "--rotate", description = "Make a new token; the old one works until the gateway restarts.")
    boolean rotate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dataDir)) {
            spec.commandLine().getErr().println("No data directory " + dataDir + "; give the gateway's with --data-dir.");
            return 1;
        }
        AccessToken token = rotate ? AccessToken.rotate(dataDir) : AccessToken.loadOrCreate(dataDir);
        spec.commandLine().getOut().println(token.value());
        if (rotate) spec.commandLine().getErr().println("New token written to " + token.file() + "; restart the gateway to use it.");
        return 0;
    }
}
