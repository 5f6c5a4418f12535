package dev.ecsd.testing;

import dev.ecsd.time.SystemTimer;

/** Real time for tests that run in it, shared so that tests do not each start a timer thread. */
public final class RealTime {
    public static final SystemTimer TIMER = new SystemTimer();

    private RealTime() {
    }
}
