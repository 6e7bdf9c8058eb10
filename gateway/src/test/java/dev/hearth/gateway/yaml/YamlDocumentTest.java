package dev.hearth.gateway.yaml;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile YAML is refused with a position, never with a stack overflow. */
class YamlDocumentTest {

    @Test
    void nestingDeeperThanTheLimitIsReportedWhereItGoesTooDeep() {
        Problems problems = new Problems();
        String deep = "automations:\n  - " + "[".repeat(5_000) + "]".repeat(5_000) + "\n";

        assertThat(YamlDocument.parse(deep, "deep.yaml", problems)).isEmpty();

        assertThat(problems.list()).singleElement().asString()
                .isEqualTo("deep.yaml:2:" + (5 + YamlDocument.MAX_DEPTH - 2) + ": YAML syntax error: YAML is nested more than "
                        + YamlDocument.MAX_DEPTH + " levels deep");
    }

    @Test
    void nestingUpToTheLimitIsRead() {
        Problems problems = new Problems();
        int inner = YamlDocument.MAX_DEPTH - 2;
        String deep = "automations:\n  - " + "[".repeat(inner) + "]".repeat(inner) + "\n";

        assertThat(YamlDocument.parse(deep, "deep.yaml", problems)).isPresent();
        assertThat(problems.list()).isEmpty();
    }
}
