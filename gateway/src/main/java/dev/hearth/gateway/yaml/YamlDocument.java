package dev.hearth.gateway.yaml;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads one YAML file into a node tree with positions. Hostile input is bounded: document size,
 * aliases ("billion laughs") and nesting depth are capped; duplicate keys are reported by {@link YamlMap}.
 */
public final class YamlDocument {
    static final int MAX_CODE_POINTS = 1 << 20;
    private static final int MAX_ALIASES = 50;
    /** Collections inside collections: an automation file needs about ten. */
    static final int MAX_DEPTH = 64;

    private YamlDocument() {
    }

    /** One file read and parsed on its own (on another thread, say): its root node, or empty, and its problems. */
    public record Parsed(Optional<Node> root, List<ConfigProblem> problems) {
        /** No document (an optional file that is not there). */
        public static final Parsed NONE = new Parsed(Optional.empty(), List.of());

        public static Parsed read(Path path) {
            Problems problems = new Problems();
            Optional<Node> root = YamlDocument.read(path, path.toString(), problems);
            return new Parsed(root, problems.list());
        }
    }

    /** Returns the root node, or empty after adding a located problem to {@code problems}. */
    public static Optional<Node> read(Path path, String displayName, Problems problems) {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            problems.add(new ConfigProblem(displayName, 1, 1, "file not found"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new ConfigProblem(displayName, 1, 1, "cannot read file: " + e.getMessage()));
            return Optional.empty();
        }
        return parse(text, displayName, problems);
    }

    public static Optional<Node> parse(String text, String displayName, Problems problems) {
        if (text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            problems.add(new ConfigProblem(displayName, 1, 1, "file is larger than " + MAX_CODE_POINTS + " characters"));
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(displayName)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try {
            Optional<Node> root = new Composer(settings, new NestingLimit(new ParserImpl(settings, new StreamReader(settings, text)),
                    MAX_DEPTH)).getSingleNode();
            if (root.isEmpty()) problems.add(new ConfigProblem(displayName, 1, 1, "file is empty"));
            return root;
        } catch (MarkedYamlEngineException e) {
            problems.add(displayName, e.getProblemMark().orElse(null), "YAML syntax error: " + e.getProblem()
                    + (e.getContext() == null || e.getContext().isEmpty() ? "" : " (" + e.getContext() + ")"));
        } catch (YamlEngineException e) {
            problems.add(new ConfigProblem(displayName, 1, 1, "YAML error: " + e.getMessage()));
        }
        return Optional.empty();
    }
}
