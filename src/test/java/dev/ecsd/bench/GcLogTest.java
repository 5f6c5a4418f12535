package dev.ecsd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
    /** Lines of a JDK 25 -Xlog:gc,gc+phases log of G1. */
    private static final List<String> G1_LOG = List.of(
            "[0.004s][info][gc] Using G1",
            "[0.031s][info][gc       ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->1M(256M) 1.473ms",
            "[0.031s][info][gc,phases] GC(0)   Evacuate Collection Set: 0.92ms",
            "[0.031s][info][gc,phases] GC(0)   Other: 0.19ms",
            "[0.084s][info][gc       ] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 115M->7M(256M) 5.512ms",
            "[0.462s][info][gc       ] GC(2) Concurrent Mark Cycle",
            "[0.470s][info][gc       ] GC(2) Pause Remark 140M->140M(512M) 1.000ms",
            "[0.485s][info][gc       ] GC(2) Concurrent Mark Cycle 23.546ms",
            "[0.900s][info][gc       ] GC(3) Pause Full (System.gc()) 200M->30M(512M) 12.015ms");

    /** Lines of a JDK 25 -Xlog:gc,gc+phases log of generational ZGC. */
    private static final List<String> ZGC_LOG = List.of(
            "[0.048s][info][gc       ] Using The Z Garbage Collector",
            "[0.085s][info][gc       ] GC(0) Major Collection (Warmup)",
            "[0.085s][info][gc,phases] GC(0) Y: Young Generation",
            "[0.085s][info][gc,phases] GC(0) Y: Pause Mark Start (Major) 0.012ms",
            "[0.087s][info][gc,phases] GC(0) Y: Concurrent Mark 1.399ms",
            "[0.087s][info][gc,phases] GC(0) Y: Pause Mark End 0.009ms",
            "[0.087s][info][gc,phases] GC(0) Y: Pause Relocate Start 0.006ms",
            "[0.089s][info][gc,phases] GC(0) Y: Young Generation 26M(5%)->12M(2%) 0.004s",
            "[0.089s][info][gc,phases] GC(0) O: Pause Mark End 0.008ms",
            "[0.089s][info][gc,phases] GC(0) O: Pause Relocate Start 0.004ms",
            "[0.089s][info][gc,phases] GC(0) O: Old Generation 14M(3%)->16M(3%) 0.001s",
            "[0.089s][info][gc       ] GC(0) Major Collection (Warmup) 26M(5%)->16M(3%) 0.004s",
            "[0.189s][info][gc       ] GC(1) Minor Collection (Allocation Rate)",
            "[0.189s][info][gc,phases] GC(1) y: Pause Mark Start 0.020ms",
            "[0.196s][info][gc       ] GC(1) Minor Collection (Allocation Rate) 412M(40%)->118M(12%) 0.042s");

    @Test
    void g1CollectionsAreItsPauseLinesWithHeapBeforeAfterAndCommitted() {
        GcLog log = GcLog.parse(G1_LOG);

        assertThat(log.collector()).isEqualTo(GcLog.G1);
        assertThat(log.collections()).isEqualTo(4);
        assertThat(log.maxBeforeMib()).isEqualTo(200);
        assertThat(log.maxAfterMib()).isEqualTo(140);
        assertThat(log.maxCommittedMib()).isEqualTo(512);
        assertThat(log.pausesMillis()).containsExactly(1.473, 5.512, 1.0, 12.015);
        assertThat(log.summary()).isEqualTo("G1: 4 collections; heap after GC at most 140 MiB, before GC at most "
                + "200 MiB, committed at most 512 MiB; 4 pauses, total 20.0 ms, longest 12.02 ms");
    }

    @Test
    void zgcCollectionsAreItsGcLinesAndItsPausesThePhasesPauseLines() {
        GcLog log = GcLog.parse(ZGC_LOG);

        assertThat(log.collector()).isEqualTo(GcLog.ZGC);
        // the per-generation lines of gc+phases are parts of GC(0), not collections of their own
        assertThat(log.collections()).isEqualTo(2);
        assertThat(log.maxBeforeMib()).isEqualTo(412);
        assertThat(log.maxAfterMib()).isEqualTo(118);
        assertThat(log.pausesMillis()).containsExactly(0.012, 0.009, 0.006, 0.008, 0.004, 0.020);
        assertThat(log.summary()).isEqualTo("ZGC: 2 collections; heap after GC at most 118 MiB, before GC at most "
                + "412 MiB; 6 pauses, total 0.1 ms, longest 0.02 ms");
    }

    @Test
    void zgcWithoutGcPhasesSaysItsPausesAreNotInTheLogRatherThanNone() {
        GcLog log = GcLog.parse(ZGC_LOG.stream().filter(line -> !line.contains("gc,phases")).toList());

        assertThat(log.collections()).isEqualTo(2);
        assertThat(log.pausesLogged()).isFalse();
        assertThat(log.pauseSummary()).isEqualTo("ZGC: pauses not in this log");
    }

    @Test
    void heapInfoReadsG1sKilobytesAndZgcsMegabytes() {
        assertThat(GcLog.heapInfo("3483:\n garbage-first heap   total reserved 262144K, committed 262144K, used "
                + "191324K [0x00000000f0000000, 0x0000000100000000)\n region size 1024K, 68 young (69632K)"))
                .isEqualTo("186 MiB used of 256 MiB committed");
        assertThat(GcLog.heapInfo("1071:\n ZHeap            used 376M, capacity 870M, max capacity 1024M\n"
                + " Cache           494M (14)")).isEqualTo("376 MiB used of 870 MiB committed");
        assertThat(GcLog.heapInfo("1071:\nsomething else")).isEqualTo("unknown");
    }
}
