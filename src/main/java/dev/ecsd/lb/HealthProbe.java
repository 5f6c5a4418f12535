package dev.ecsd.lb;

import java.time.Duration;

/** Carries out one health check. It blocks (checks run on virtual threads) but never longer than the timeout. */
interface HealthProbe {

    /** One check of a target: GET {@code path} on {@code host:port}, passing when the status is one of {@code codes}. */
    HealthCheckResult check(String host, int port, String path, Duration timeout, SuccessCodes codes);
}
