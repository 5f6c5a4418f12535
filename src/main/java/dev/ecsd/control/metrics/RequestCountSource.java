package dev.ecsd.control.metrics;

import java.util.List;

/**
 * Where the publisher reads the built-in load balancer's request counters: the data plane, seen from the control
 * plane. Counters only grow; the publisher takes differences between readings.
 */
public interface RequestCountSource {

    /** The counters of every load balancer and target group that has forwarded a request. */
    List<Reading> read();

    /** One load balancer's counters for one target group, from the data plane's start. */
    record Reading(String loadBalancerArn, String targetGroupArn, long requests, long target2xx, long target3xx,
            long target4xx, long target5xx, long elb5xx) {

        /** What was counted since {@code earlier} (null for nothing). */
        public Reading since(Reading earlier) {
            if (earlier == null) {
                return this;
            }
            return new Reading(loadBalancerArn, targetGroupArn, requests - earlier.requests,
                    target2xx - earlier.target2xx, target3xx - earlier.target3xx, target4xx - earlier.target4xx,
                    target5xx - earlier.target5xx, elb5xx - earlier.elb5xx);
        }
    }

    /** Which load balancer forwarded to which target group. */
    record Key(String loadBalancerArn, String targetGroupArn) {
    }

    /** No load balancer. */
    RequestCountSource NONE = List::of;
}
