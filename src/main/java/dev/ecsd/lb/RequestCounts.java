package dev.ecsd.lb;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the listeners forwarded, per load balancer and target group, and how they were answered: by the
 * target (its status class) or by the load balancer for it (502 or 504 when the target failed). Counters only grow,
 * from the plane's start: a reader takes the difference between two readings, so that several readers cannot take
 * counts from one another. Requests the load balancer answers without a target (fixed responses, redirects, 503s
 * for lack of a target) are not counted.
 */
public final class RequestCounts {

    /** Which load balancer forwarded to which target group. */
    public record Key(String loadBalancerArn, String targetGroupArn) {
    }

    /** The counts of one key at one reading. */
    public record Counts(long requests, long target2xx, long target3xx, long target4xx, long target5xx,
            long elb5xx) {

        /** What was counted since {@code earlier} (a reading of the same key; null for none). */
        public Counts since(Counts earlier) {
            if (earlier == null) {
                return this;
            }
            return new Counts(requests - earlier.requests, target2xx - earlier.target2xx,
                    target3xx - earlier.target3xx, target4xx - earlier.target4xx, target5xx - earlier.target5xx,
                    elb5xx - earlier.elb5xx);
        }
    }

    private static final int REQUESTS = 0;
    private static final int ELB_5XX = 5;
    private final Map<Key, LongAdder[]> counters = new ConcurrentHashMap<>();

    /** A request is forwarded. */
    void forwarded(String loadBalancerArn, String targetGroupArn) {
        adders(loadBalancerArn, targetGroupArn)[REQUESTS].increment();
    }

    /** A forwarded request was answered: by the target with {@code status}, or by the load balancer for it. */
    void answered(String loadBalancerArn, String targetGroupArn, int status, boolean byLoadBalancer) {
        if (byLoadBalancer) {
            adders(loadBalancerArn, targetGroupArn)[ELB_5XX].increment();
        } else if (status >= 200 && status < 600) {
            adders(loadBalancerArn, targetGroupArn)[status / 100 - 1].increment();
        }
    }

    /** Every key's counts now. */
    public Map<Key, Counts> read() {
        Map<Key, Counts> reading = new HashMap<>();
        counters.forEach((key, adders) -> reading.put(key, new Counts(adders[0].sum(), adders[1].sum(),
                adders[2].sum(), adders[3].sum(), adders[4].sum(), adders[5].sum())));
        return reading;
    }

    private LongAdder[] adders(String loadBalancerArn, String targetGroupArn) {
        return counters.computeIfAbsent(new Key(loadBalancerArn, targetGroupArn), key -> {
            LongAdder[] adders = new LongAdder[6];
            for (int i = 0; i < adders.length; i++) {
                adders[i] = new LongAdder();
            }
            return adders;
        });
    }
}
