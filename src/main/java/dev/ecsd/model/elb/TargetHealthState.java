package dev.ecsd.model.elb;

import java.util.Locale;

/** A registered target's health, in ELBv2's spelling (it is written on the wire as the enum's lowercase name). */
public enum TargetHealthState {
    INITIAL, HEALTHY, UNHEALTHY, UNUSED, DRAINING, UNAVAILABLE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
