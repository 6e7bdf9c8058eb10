package dev.hearth.gateway.yaml;

import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a file is read, so that a user sees every mistake at once. */
public final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    public void add(String file, Node node, String message) {
        Mark mark = node.getStartMark().orElse(null);
        add(file, mark, message);
    }

    public void add(String file, Mark mark, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        list.add(new ConfigProblem(file, line, column, message));
    }

    public void add(ConfigProblem problem) {
        list.add(problem);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() throws ConfigException {
        if (!list.isEmpty()) throw new ConfigException(list);
    }
}
