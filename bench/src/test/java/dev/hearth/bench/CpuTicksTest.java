package dev.hearth.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A subject's CPU time is user + system from /proc/<pid>/stat, whatever its command's name holds. */
class CpuTicksTest {
    @Test
    void userAndSystemTimeAreTheFourteenthAndFifteenthFields() {
        String stat = "27675 (java) S 27551 27551 21086 0 -1 4194304 98 0 0 0 1234 56 0 0 20 0 31 0 2163558 3133440 380";

        assertThat(SubjectProcess.cpuTicks(stat)).isEqualTo(1290);
    }

    @Test
    void aCommandNameWithSpacesAndBracketsDoesNotShiftTheFields() {
        String stat = "4242 (node (red) x) R 1 1 1 0 -1 4194304 98 0 0 0 700 300 0 0 20 0 11 0 2163558 3133440 380";

        assertThat(SubjectProcess.cpuTicks(stat)).isEqualTo(1000);
    }

    @Test
    void ourOwnProcessHasUsedSomeCpu() throws Exception {
        String self = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));

        assertThat(SubjectProcess.cpuTicks(self)).isPositive();
    }
}
