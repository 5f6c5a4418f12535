package dev.ecsd.console;

import java.security.SecureRandom;
import java.time.InstantSource;
import org.eclipse.jetty.server.Handler;

/**
 * The web console, made once per server: its sessions, assets, pages and routes, and the Jetty handler that serves
 * them under {@code /ui/} on the API's port. Each page registers its own routes here.
 */
public final class Console {
    private final ConsoleHandler handler;

    /**
     * @param open whether the console opens without a login: true on a loopback bind only
     */
    public Console(ConsoleRegions regions, InstantSource clock, String accessKeyId, String secretAccessKey,
            boolean open) {
        ConsoleSessions sessions = new ConsoleSessions(clock, new SecureRandom(), accessKeyId, secretAccessKey, open);
        ConsoleAssets assets = new ConsoleAssets();
        ConsolePages pages = new ConsolePages(assets, regions, !open);
        ConsoleRoutes routes = new ConsoleRoutes();
        new LoginPage(sessions, pages).register(routes);
        new ClustersPage(pages).register(routes);
        new ServicePage(pages).register(routes);
        // further pages register here: cluster, service, task, task definitions
        handler = new ConsoleHandler(sessions, assets, routes, pages);
    }

    public Handler handler() {
        return handler;
    }
}
