package dev.ecsd.control.runtime;

/**
 * What a controller is: one function of a key that re-reads desired and actual state, acts so they converge,
 * and says when to look again. It must be idempotent, since a key may be reconciled again at any time; throwing
 * makes the runtime retry the key with back-off.
 */
@FunctionalInterface
public interface Reconciler {

    Outcome reconcile(String key) throws Exception;
}
