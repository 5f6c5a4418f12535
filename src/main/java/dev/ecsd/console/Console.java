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
    private final ConsoleRoutes routes;

    /**
     * @param open whether the console opens without a login: true on a loopback bind only
     */
    public Console(ConsoleRegions regions, InstantSource clock, String accessKeyId, String secretAccessKey,
            boolean open) {
        ConsoleSessions sessions = new ConsoleSessions(clock, new SecureRandom(), accessKeyId, secretAccessKey, open);
        ConsoleAssets assets = new ConsoleAssets();
        ConsolePages pages = new ConsolePages(assets, regions, !open);
        routes = new ConsoleRoutes();
        new LoginPage(sessions, pages).register(routes);
        new ClustersPage(pages).register(routes);
        new ClusterPage(pages).register(routes);
        new TaskPage(pages).register(routes);
        new TaskDefinitionsPage(pages).register(routes);
        new ServicePage(pages).register(routes);
        handler = new ConsoleHandler(sessions, assets, routes, pages);
    }

    public Handler handler() {
        return handler;
    }

    /** The routes every page registered. */
    ConsoleRoutes routes() {
        return routes;
    }
}
