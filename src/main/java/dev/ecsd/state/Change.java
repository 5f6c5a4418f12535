package dev.ecsd.state;

/** One record written by a committed transaction; {@code after} is null when it was deleted. */
public record Change(Kind<?> kind, String key, Object before, Object after) {
    public boolean isDelete() {
        return after == null;
    }
}
