package dev.ecsd.logs;

import java.util.List;

/** Events read in (timestamp, id) order, and whether more matched than the page could hold. */
public record EventPage(List<StoredEvent> events, boolean more) {
    public EventPage {
        events = List.copyOf(events);
    }
}
