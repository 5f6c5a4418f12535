package dev.ecsd.state;

import java.util.List;

/**
 * Where the state is kept durably. One thread at a time calls it; {@link #commit} applies the rows in order and
 * returns only once they are durable.
 */
public interface StoreBackend extends AutoCloseable {
    /** A stored record: its kind's name, its key and its JSON form; {@code json} is null for a deletion. */
    record Row(String kind, String key, String json) {
    }

    List<Row> loadAll();

    void commit(List<Row> rows);

    @Override
    void close();
}
