package dev.ecsd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's unified GC log ({@code -Xlog:gc,gc+phases}) read for G1 or ZGC alike: how many collections, the most
 * heap in use before and after one, and the stop-the-world pauses; also the heap in use that {@code jcmd
 * GC.heap_info} reports for either collector.
 */
record GcLog(String collector, int collections, long maxBeforeMib, long maxAfterMib, long maxCommittedMib,
        List<Double> pausesMillis, boolean pausesLogged) {
    /** G1's [gc] line of a pause: "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 301M->120M(1024M) 5.1ms". */
    private static final Pattern G1_PAUSE = Pattern.compile("Pause .* (\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms$");
    /**
     * ZGC's [gc] line at a collection's end, generational ("GC(12) Minor Collection (Allocation Rate)
     * 412M(40%)->118M(12%) 0.042s", or Major) or not ("Garbage Collection (Warmup) ..."); the per-generation
     * "Y: Young Generation 26M(5%)->12M(2%)" lines of gc+phases are parts of one collection, not collections.
     */
    private static final Pattern Z_COLLECTION = Pattern.compile(
            "\\] GC\\(\\d+\\) \\w+ Collection \\(.*\\) (\\d+)M\\(\\d+%\\)->(\\d+)M\\(\\d+%\\)");
    /**
     * ZGC's pauses, only in gc+phases: "GC(0) Y: Pause Mark Start (Major) 0.012ms", "Pause Mark End",
     * "Pause Relocate Start"; its [gc] lines time the whole concurrent collection, which is no pause.
     */
    private static final Pattern Z_PAUSE = Pattern.compile("\\[gc,phases\\s*\\].* Pause [A-Z][^0-9]* ([0-9.]+)ms$");
    /** G1's heap_info: " garbage-first heap   total reserved 1048576K, committed 262144K, used 12345K". */
    private static final Pattern G1_HEAP = Pattern.compile("(?:total|committed) (\\d+)K, used (\\d+)K");
    /** ZGC's heap_info: " ZHeap            used 376M, capacity 870M, max capacity 1024M". */
    private static final Pattern Z_HEAP = Pattern.compile("ZHeap\\s+used (\\d+)M, capacity (\\d+)M");

    static final String G1 = "G1";
    static final String ZGC = "ZGC";

    /** Reads the log at {@code path}. */
    static GcLog read(Path path) throws IOException {
        return parse(Files.readAllLines(path));
    }

    /** Reads a log's lines; the collector is the one its first line names ("Using G1", "Using The Z ..."). */
    static GcLog parse(List<String> lines) {
        String collector = "unknown";
        int collections = 0;
        long maxBefore = 0;
        long maxAfter = 0;
        long maxCommitted = 0;
        List<Double> pauses = new ArrayList<>();
        boolean phases = false;
        for (String line : lines) {
            if (line.contains("Using G1")) {
                collector = G1;
            } else if (line.contains("Using The Z Garbage Collector")) {
                collector = ZGC;
            }
            phases |= line.contains("[gc,phases");
            Matcher g1 = G1_PAUSE.matcher(line);
            Matcher z = Z_COLLECTION.matcher(line);
            Matcher zPause = Z_PAUSE.matcher(line);
            if (g1.find()) {
                collector = G1;
                collections++;
                maxBefore = Math.max(maxBefore, Long.parseLong(g1.group(1)));
                maxAfter = Math.max(maxAfter, Long.parseLong(g1.group(2)));
                maxCommitted = Math.max(maxCommitted, Long.parseLong(g1.group(3)));
                pauses.add(Double.parseDouble(g1.group(4)));
            } else if (z.find()) {
                collector = ZGC;
                collections++;
                maxBefore = Math.max(maxBefore, Long.parseLong(z.group(1)));
                maxAfter = Math.max(maxAfter, Long.parseLong(z.group(2)));
            } else if (zPause.find()) {
                pauses.add(Double.parseDouble(zPause.group(1)));
            }
        }
        // G1's pauses are its [gc] lines themselves; ZGC's are only there when gc+phases was logged too
        return new GcLog(collector, collections, maxBefore, maxAfter, maxCommitted, List.copyOf(pauses),
                !collector.equals(ZGC) || phases);
    }

    /** "G1: 12 collections; heap after GC at most … MiB, before GC at most … MiB, …; pauses: …". */
    String summary() {
        String heap = String.format("%s: %d collections; heap after GC at most %d MiB, before GC at most %d MiB",
                collector, collections, maxAfterMib, maxBeforeMib);
        if (maxCommittedMib > 0) {
            // ZGC's collection lines give shares of the maximum heap, not what is committed
            heap += String.format(", committed at most %d MiB", maxCommittedMib);
        }
        return heap + "; " + pauseSummary();
    }

    /** "n pauses, total … ms, longest … ms", or that the log holds none of ZGC's pauses. */
    String pauseSummary() {
        if (!pausesLogged) {
            return collector + ": pauses not in this log";
        }
        return String.format("%d pauses, total %.1f ms, longest %.2f ms", pausesMillis.size(),
                pausesMillis.stream().mapToDouble(Double::doubleValue).sum(),
                pausesMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    /** The heap in use and committed that {@code jcmd GC.heap_info} printed, "… MiB used of … MiB committed". */
    static String heapInfo(String heapInfo) {
        Matcher g1 = G1_HEAP.matcher(heapInfo);
        if (g1.find()) {
            return String.format("%d MiB used of %d MiB committed", Long.parseLong(g1.group(2)) / 1024,
                    Long.parseLong(g1.group(1)) / 1024);
        }
        Matcher z = Z_HEAP.matcher(heapInfo);
        if (z.find()) {
            return String.format("%d MiB used of %d MiB committed", Long.parseLong(z.group(1)),
                    Long.parseLong(z.group(2)));
        }
        return "unknown";
    }
}
