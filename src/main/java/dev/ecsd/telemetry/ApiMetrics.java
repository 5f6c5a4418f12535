package dev.ecsd.telemetry;

/** Hears every answered AWS request: the protocol layer calls it, without knowing how it is counted. */
@FunctionalInterface
public interface ApiMetrics {
    /** Counts nothing: for front ends made without telemetry (tests of the wire alone). */
    ApiMetrics NONE = (region, service, operation, status, errorCode, nanos) -> { };

    /**
     * One answered request.
     *
     * @param errorCode the AWS error code answered, or null for a success
     */
    void request(String region, String service, String operation, int status, String errorCode, long nanos);
}
