package dev.ecsd.protocol;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Hands each AWS request to the dispatcher of the region its signature is scoped to, so that every region is its own
 * namespace on the one endpoint. The region is read from the {@code Authorization} header's credential scope without
 * verifying anything: the region's own dispatcher verifies the whole signature, its region included. A request that
 * names no region, or one ecsd does not serve, goes to the default region's dispatcher, whose verifier answers it
 * with AWS's error.
 */
public final class RegionRouter {
    private final AwsDispatcher defaultDispatcher;
    private final BiFunction<String, SigV4Verifier.HttpRequestParts, Optional<AwsDispatcher>> regions;

    /**
     * @param regions the dispatcher of a region ecsd serves for this request (a region not started yet is started only
     *     for a request whose signature holds), or empty for a region it does not serve
     */
    public RegionRouter(AwsDispatcher defaultDispatcher,
            BiFunction<String, SigV4Verifier.HttpRequestParts, Optional<AwsDispatcher>> regions) {
        this.defaultDispatcher = defaultDispatcher;
        this.regions = regions;
    }

    /** A router for one region only: every request goes to {@code dispatcher}. */
    public static RegionRouter single(AwsDispatcher dispatcher) {
        return new RegionRouter(dispatcher, (region, request) -> Optional.empty());
    }

    public Reply handle(SigV4Verifier.HttpRequestParts request) {
        return dispatcherFor(request).handle(request);
    }

    /** As {@link AwsDispatcher#refuseUnsigned}, verified by the dispatcher of the request's region. */
    public Optional<Reply> refuseUnsigned(SigV4Verifier.HttpRequestParts request) {
        return dispatcherFor(request).refuseUnsigned(request);
    }

    private AwsDispatcher dispatcherFor(SigV4Verifier.HttpRequestParts request) {
        return scopeRegion(request).flatMap(region -> regions.apply(region, request)).orElse(defaultDispatcher);
    }

    /**
     * The region of the request's credential scope ({@code Credential=<key>/<date>/<region>/<service>/aws4_request}),
     * or empty when it has no single {@code Authorization} header of that form. Nothing here is verified.
     */
    public static Optional<String> scopeRegion(SigV4Verifier.HttpRequestParts request) {
        List<String> authorizations = request.headerValues("Authorization");
        if (authorizations.size() != 1) {
            return Optional.empty();
        }
        String header = authorizations.getFirst();
        int credential = header.indexOf("Credential=");
        if (credential < 0) {
            return Optional.empty();
        }
        int end = header.indexOf(',', credential);
        String[] scope = header.substring(credential + "Credential=".length(), end < 0 ? header.length() : end).trim()
                .split("/");
        return scope.length == 5 && !scope[2].isEmpty() ? Optional.of(scope[2]) : Optional.empty();
    }
}
