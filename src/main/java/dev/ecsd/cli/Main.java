package dev.ecsd.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ecsd} command. */
@Command(name = "ecsd", mixinStandardHelpOptions = true, versionProvider = Main.JarVersion.class,
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

    /** {@code ecsd --version}: the jar's version, as the server logs it at start ("dev" outside a built jar). */
    static final class JarVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ecsd " + (version == null || version.isBlank() ? "dev" : version)};
        }
    }
}
