package dev.ecsd.protocol;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * One implemented operation of an AWS API: how its request is read, which members it requires (the SDK model
 * does not say; named by their wire names, {@code cluster} in JSON, {@code TargetGroupArn} in Query), and the
 * typed method that answers it, given the {@link Caller} who signed the request. Despite the name,
 * {@link QueryService} operations are described by it too.
 */
public record JsonOperation<Q, R extends SdkPojo>(
        String name,
        Supplier<? extends SdkBuilder<?, ? extends Q>> requestBuilder,
        BiFunction<Caller, Q, R> handler,
        List<String> requiredMembers) {

    /** An operation whose answer does not depend on who asks, as almost every operation's does not. */
    public static <Q, R extends SdkPojo> JsonOperation<Q, R> of(String name,
            Supplier<? extends SdkBuilder<?, ? extends Q>> requestBuilder, Function<Q, R> handler,
            String... requiredMembers) {
        return new JsonOperation<>(name, requestBuilder, (caller, request) -> handler.apply(request),
                List.of(requiredMembers));
    }

    /** An operation that answers according to who signed the request (STS's GetCallerIdentity, AssumeRole). */
    public static <Q, R extends SdkPojo> JsonOperation<Q, R> ofCaller(String name,
            Supplier<? extends SdkBuilder<?, ? extends Q>> requestBuilder, BiFunction<Caller, Q, R> handler,
            String... requiredMembers) {
        return new JsonOperation<>(name, requestBuilder, handler, List.of(requiredMembers));
    }
}
