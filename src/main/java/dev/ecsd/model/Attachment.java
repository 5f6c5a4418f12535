package dev.ecsd.model;

import java.util.List;

/** A task attachment; for awsvpc tasks, the ElasticNetworkInterface and its details. */
public record Attachment(String id, String type, String status, List<KeyValuePair> details) {
    public Attachment {
        details = Lists.copy(details);
    }

    public Attachment withStatus(String newStatus) {
        return new Attachment(id, type, newStatus, details);
    }

    public String detail(String name) {
        return Lists.orEmpty(details).stream().filter(d -> d.name().equals(name)).map(KeyValuePair::value)
                .findFirst().orElse(null);
    }
}
