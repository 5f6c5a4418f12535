package dev.ecsd.logging;

import java.util.Locale;

/** How the server writes its log: {@code text} for people, {@code json} (one object per line) for machines. */
public enum LogFormat {
    TEXT {
        @Override
        public String format(LogEntry entry) {
            return TextLines.format(entry);
        }
    },
    JSON {
        @Override
        public String format(LogEntry entry) {
            return JsonLines.format(entry);
        }
    };

    /** The entry as what is written for it, without the final line break. */
    public abstract String format(LogEntry entry);

    /** {@code text} or {@code json}, in any case; anything else is refused with a message saying what is allowed. */
    public static LogFormat parse(String name) {
        for (LogFormat format : values()) {
            if (format.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("must be text or json, not " + name);
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
