package dev.ecsd.console;

import java.util.List;
import java.util.Optional;

/** The regions the server serves, as the console sees them. */
public interface ConsoleRegions {
    /** The regions that have been started (the default one first), each with its stores. */
    List<ConsoleRegion> regions();

    /** A region by name, if the server has it started. */
    Optional<ConsoleRegion> region(String name);

    /** The default region's name: the one a page names when a path names none. */
    String defaultRegion();
}
