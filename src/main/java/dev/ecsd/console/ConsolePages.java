package dev.ecsd.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the console's jte templates (compiled to classes at build time: no compiler at run time) and makes each
 * page's {@link PageContext}. A request with {@code ?part=name} gets only that live part of its page, rendered from
 * {@code parts/<name>.jte} with the page's own parameters, which the page's script polls and swaps in.
 */
public final class ConsolePages {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private final ConsoleAssets assets;
    private final ConsoleRegions regions;
    private final boolean canLogOut;

    public ConsolePages(ConsoleAssets assets, ConsoleRegions regions, boolean canLogOut) {
        this.assets = assets;
        this.regions = regions;
        this.canLogOut = canLogOut;
    }

    public ConsoleRegions regions() {
        return regions;
    }

    /** Renders a template (its name under src/main/jte, e.g. {@code "clusters.jte"}) with its parameters. */
    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }

    /** A page's context, for a region (or null) and a title; the trail starts at the clusters. */
    public PageContext context(ConsoleRequest request, String region, String title) {
        List<String> names = regions.regions().stream().map(ConsoleRegion::name).toList();
        return new PageContext(title, assets.prefix(), request.csrfToken(), region, names,
                List.of(new PageContext.Crumb("Clusters", "/ui/")), request.query("done"), request.query("error"),
                canLogOut);
    }

    /**
     * A page: the whole of it, or, for {@code ?part=name}, just that live part if the page has it ({@code parts}).
     */
    public ConsoleAnswer page(ConsoleRequest request, String template, Map<String, Object> params, Set<String> parts) {
        String part = request.part();
        if (part != null) {
            if (!parts.contains(part)) {
                return ConsoleAnswer.text(404, "This page has no such live part.");
            }
            return ConsoleAnswer.html(render("parts/" + part + ".jte", params));
        }
        return ConsoleAnswer.html(render(template, params));
    }

    public ConsoleAnswer notFound(ConsoleRequest request, String message) {
        return message(request, 404, "Not found", message);
    }

    /** A page that only says something: a missing resource, a failure. */
    public ConsoleAnswer message(ConsoleRequest request, int status, String heading, String message) {
        PageContext page = context(request, null, heading);
        return ConsoleAnswer.html(status, render("message.jte", Map.of("page", page, "heading", heading,
                "message", message)));
    }

    ConsoleAnswer failed(ConsoleRequest request, RuntimeException e) {
        return message(request, 500, "Something went wrong", "The console could not show this page: "
                + e.getMessage() + ". The server's log has the details.");
    }
}
