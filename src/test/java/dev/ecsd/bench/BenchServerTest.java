package dev.ecsd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchServerTest {
    @Test
    void aBenchmarksOptionsComeAfterEcsdsSoThatTheyWin() {
        assertThat(BenchServer.jvmOptions(List.of("-Xmx1g", "-XX:SoftMaxHeapSize=700m")))
                .startsWith(BenchServer.ECSD_DEFAULT_JVM.toArray(String[]::new))
                .endsWith("-Xmx1g", "-XX:SoftMaxHeapSize=700m");
        assertThat(BenchServer.ECSD_DEFAULT_JVM).contains("-XX:+UseZGC", "-XX:SoftMaxHeapSize=1g");
    }

    @Test
    void anotherCollectorReplacesEcsdsZgcOptionsSinceTheJvmRefusesTwoCollectors() {
        assertThat(BenchServer.jvmOptions(List.of("-Xmx1g", "-XX:+UseG1GC"))).containsExactly("-Xmx1g", "-XX:+UseG1GC");
        // naming ZGC itself keeps ./ecsd's soft limit
        assertThat(BenchServer.jvmOptions(List.of("-XX:+UseZGC"))).contains("-XX:SoftMaxHeapSize=1g");
    }
}
