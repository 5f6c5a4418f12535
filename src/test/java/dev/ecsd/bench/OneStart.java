package dev.ecsd.bench;

/**
 * How long one task (or container) took to start, two ways: {@code polledSeconds} until a poller saw it running, and
 * {@code recordedSeconds} until the time the system itself recorded it as running (ECS's {@code startedAt}, the
 * engine's {@code State.StartedAt}), both from the moment the request was made. The second has no poll in it, which
 * counts against a system whose request returns before the start (RunTask) and not one that returns after it
 * ({@code docker run -d}).
 */
record OneStart(double polledSeconds, double recordedSeconds) {
}
