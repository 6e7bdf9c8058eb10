package dev.hearth.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeapUsedTest {

    @Test
    void aGenerationalHeapIsItsGenerationsTogether() {
        String serial = """
                12345:
                 def new generation   total 5184K, used 1096K [0x00000000fc000000, 0x00000000fc590000, 0x00000000fcaa0000)
                  eden space 4672K,  16% used [0x00000000fc000000, 0x00000000fc0c1358, 0x00000000fc490000)
                  from space 512K,  63% used [0x00000000fc490000, 0x00000000fc4e0d10, 0x00000000fc510000)
                 tenured generation   total 28036K, used 20301K [0x00000000fcaa0000, 0x00000000fe601000, 0x0000000100000000)
                   the space 28036K,  72% used [0x00000000fcaa0000, 0x00000000fde73780, 0x00000000fde73800, 0x00000000fe601000)
                 Metaspace       used 1630K, committed 1984K, reserved 1114112K
                  class space    used 231K, committed 384K, reserved 1048576K
                """;

        assertThat(SubjectProcess.heapUsedKib(serial)).isEqualTo(1096 + 20301);
    }

    @Test
    void oneHeapIsItsOwnFigure() {
        String g1 = """
                12345:
                 garbage-first heap   total 65536K, used 23456K [0x00000000fc000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 1 survivors (1024K)
                 Metaspace       used 1630K, committed 1984K, reserved 1114112K
                """;

        assertThat(SubjectProcess.heapUsedKib(g1)).isEqualTo(23456);
        assertThat(SubjectProcess.heapUsedKib("12345:\nno heap here\n")).isEqualTo(-1);
    }
}
