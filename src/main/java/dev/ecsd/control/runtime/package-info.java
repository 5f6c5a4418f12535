/**
 * The one runtime every controller runs on (services, target groups, autoscaling, the reapers).
 *
 * <p>A controller is a {@link dev.ecsd.control.runtime.Reconciler}: a function of a key (a service ARN, a task ARN)
 * that re-reads state, acts, and returns an {@link dev.ecsd.control.runtime.Outcome}. Registering it on a
 * {@link dev.ecsd.control.runtime.ControllerRuntime} gives it a keyed work queue
 * ({@link dev.ecsd.control.runtime.Controller}): store changes call {@code enqueue(key)}; duplicates coalesce; a key
 * is reconciled by one thread at a time; failures back off per key; "look again at T" waits on the injected
 * {@link dev.ecsd.time.Timer}; a periodic resync only enqueues; and nothing is taken while the
 * {@link dev.ecsd.control.runtime.LeaderGate} is closed. Nothing polls: workers park on a condition until a key is
 * queued, the gate is re-read, or the runtime closes.
 *
 * <pre>{@code
 * ControllerRuntime runtime = ControllerRuntime.threaded(timer);          // tests: ControllerRuntime.manual(timer)
 * Controller services = runtime.register("service-scheduler",
 *         serviceArn -> {
 *             Instant recheck = reconcileService(serviceArn);             // plan and apply in one store write
 *             return recheck == null ? Outcome.done() : Outcome.lookAgainAt(recheck);
 *         },
 *         () -> activeServiceArns(store.snapshot()),                     // resync: a snapshot read, no write lock
 *         Duration.ofSeconds(5), 4);
 * store.subscribe(changes -> changes.forEach(change -> serviceArnOf(change).ifPresent(services::enqueue)));
 * }</pre>
 *
 * <p>In a test the same controller runs on a manual runtime and virtual time, all on the test's thread:
 * {@code timer.advance(...); runtime.runUntilIdle();}.
 */
package dev.ecsd.control.runtime;
