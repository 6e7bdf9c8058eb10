package dev.hearth.gateway.yaml;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that refuses collections nested deeper than {@code max}, at the collection that goes too deep: SnakeYAML's
 * composer is recursive, so a hostile file (thousands of {@code [}) would otherwise end in a stack overflow with no
 * position. Configuration never needs more than a few levels.
 */
final class NestingLimit implements Parser {
    private final Parser parser;
    private final int max;
    private int depth;

    NestingLimit(Parser parser, int max) {
        this.parser = parser;
        this.max = max;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event e = parser.next();
        switch (e.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > max) {
                    throw new ComposerException("YAML is nested more than " + max + " levels deep", e.getStartMark());
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {
            }
        }
        return e;
    }
}
