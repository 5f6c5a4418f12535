package dev.ecsd.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A backend that keeps rows in memory: for logic tests and throwaway servers, never for users' state. */
public final class MemoryBackend implements StoreBackend {
    private final Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized List<Row> loadAll() {
        return new ArrayList<>(rows.values());
    }

    @Override
    public synchronized void commit(List<Row> changes) {
        for (Row row : changes) {
            String id = row.kind() + "\u0000" + row.key();
            if (row.json() == null) {
                rows.remove(id);
            } else {
                rows.put(id, row);
            }
        }
    }

    @Override
    public void close() {
    }
}
