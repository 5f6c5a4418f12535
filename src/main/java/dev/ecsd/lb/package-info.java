/**
 * The load balancers' data plane: HTTP listeners on real ports that proxy to targets by ALB's rules, and the
 * health checks of those targets. {@link dev.ecsd.lb.LoadBalancerPlane} is fed the ELBv2 configuration as model
 * records and reports what it sees through {@link dev.ecsd.lb.PlaneEvents}; it knows nothing of the store, the
 * API or the controllers.
 *
 * <p>Where ALB leaves a choice, or ecsd cannot do what ALB does, the plane decides so:
 * <ul>
 * <li>Several load balancers listening on one port share it; the Host header (without its port, any case) picks
 * the one whose DNS name it is, and a request naming none goes to the load balancer created first.</li>
 * <li>An {@code instance} target (an id that is not an IP address) is reached on 127.0.0.1, where the tasks of
 * the one-host server publish their ports.</li>
 * <li>A forward to one target group ignores its weight; among several, a group of weight 0 gets nothing, and
 * when every weight is 0 the answer is 503.</li>
 * <li>Only target groups some listener or rule forwards to are checked. A group whose checks are disabled
 * routes to every target that is not draining.</li>
 * <li>Only HTTP listeners are served; a listener of another protocol is reported as not served.</li>
 * <li>Not done: slow start, target-group stickiness of weighted forwards (AWSALBTG), the AWSALBCORS cookie,
 * HTTPS health checks, protocol upgrades (WebSockets).</li>
 * </ul>
 */
package dev.ecsd.lb;
