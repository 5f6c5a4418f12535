package dev.ecsd.console;

import java.util.List;
import java.util.Optional;

/** No region: for tests of the console's routes and security, which are the same whatever the server holds. */
final class NoRegions implements ConsoleRegions {
    @Override
    public List<ConsoleRegion> regions() {
        return List.of();
    }

    @Override
    public Optional<ConsoleRegion> region(String name) {
        return Optional.empty();
    }

    @Override
    public String defaultRegion() {
        return "us-east-1";
    }
}
