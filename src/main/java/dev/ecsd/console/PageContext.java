package dev.ecsd.console;

import java.util.ArrayList;
import java.util.List;

/**
 * What every page's layout needs: its title, where the assets are, the CSRF token its forms carry, the region it is
 * about (and the others to switch to), the trail back to the top, and a message left by the last action.
 */
public record PageContext(String title, String assets, String csrf, String region, List<String> regions,
        List<Crumb> crumbs, String flash, String error, boolean canLogOut) {

    /** One step of the trail at the top of a page. */
    public record Crumb(String label, String href) {
    }

    /** The same page one step deeper in the trail. */
    public PageContext crumb(String label, String href) {
        List<Crumb> longer = new ArrayList<>(crumbs);
        longer.add(new Crumb(label, href));
        return new PageContext(title, assets, csrf, region, regions, List.copyOf(longer), flash, error, canLogOut);
    }

    public PageContext titled(String newTitle) {
        return new PageContext(newTitle, assets, csrf, region, regions, crumbs, flash, error, canLogOut);
    }
}
