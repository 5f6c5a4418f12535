package dev.ecsd.console;

import dev.ecsd.control.ServiceCommands;
import dev.ecsd.logs.SqliteLogStore;
import dev.ecsd.metrics.MetricStore;
import dev.ecsd.model.Arns;
import dev.ecsd.state.StateStore;
import java.time.InstantSource;

/**
 * What the console reads and acts on in one region: its state (read from snapshots), the same service commands the
 * API submits, its containers' logs and its CloudWatch metrics.
 */
public record ConsoleRegion(String name, StateStore store, ServiceCommands services, SqliteLogStore logs,
        MetricStore metrics, Arns arns, InstantSource clock) {
}
