package dev.ecsd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ecsd} command. */
@Command(name = "ecsd", mixinStandardHelpOptions = true, version = "ecsd 0.1.0",
        description = "An Amazon ECS-compatible container orchestrator you run yourself.",
        subcommands = {ServerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
