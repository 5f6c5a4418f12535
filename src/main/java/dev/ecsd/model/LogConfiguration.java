package dev.ecsd.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A container's log configuration: the driver and its options. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogConfiguration(String logDriver, Map<String, String> options, List<Secret> secretOptions) {
    public LogConfiguration {
        options = Lists.copy(options);
        secretOptions = Lists.copy(secretOptions);
    }

    /** As ECS stores it: {@code secretOptions} present, empty when none were given. */
    public LogConfiguration withRegistrationDefaults() {
        return new LogConfiguration(logDriver, options, secretOptions == null ? List.of() : secretOptions);
    }

    public String option(String name) {
        return options == null ? null : options.get(name);
    }

    public boolean isAwslogs() {
        return "awslogs".equals(logDriver);
    }
}
