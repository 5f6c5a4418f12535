package dev.ecsd.state;

import java.util.List;

/** Where the state is kept durably. One writer calls it; {@link #commit} returns only once the rows are durable. */
public interface StoreBackend extends AutoCloseable {
    /** A stored record: its kind's name, its key and its JSON form; {@code json} is null for a deletion. */
    record Row(String kind, String key, String json) {
    }

    List<Row> loadAll();

    void commit(List<Row> rows);

    /** Removes every record. */
    void wipe();

    @Override
    void close();
}
