package dev.ecsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README links only to documents inside the repository, each of which exists, and names no web address but the
 * server's own on the loopback address: what a reader needs is in the repository they cloned.
 */
class ReadmeLinksTest {
    private static final Path README = Path.of("README.md");
    /** A Markdown link's target: {@code [text](target)}. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern ADDRESS = Pattern.compile("https?://[^\\s\"'`)<>]+");

    @Test
    void everyLinkIsAFileOfTheRepository() throws IOException {
        String readme = Files.readString(README);
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(readme);
        while (link.find()) {
            targets.add(link.group(1));
        }
        assertThat(targets).as("the README's links").isNotEmpty().allSatisfy(target -> {
            assertThat(target).as("a link inside the repository").doesNotContain("://").doesNotStartWith("/")
                    .doesNotStartWith("..");
            assertThat(Path.of(target.replaceAll("#.*", ""))).as("the document %s", target).exists();
        });
    }

    @Test
    void theOnlyWebAddressesAreTheServersOwnOnLoopback() throws IOException {
        Matcher address = ADDRESS.matcher(Files.readString(README));
        List<String> outside = new ArrayList<>();
        while (address.find()) {
            String found = address.group();
            if (!found.matches("https?://(127\\.0\\.0\\.1|localhost|169\\.254\\.170\\.2)([:/].*)?")) {
                outside.add(found);
            }
        }
        assertThat(outside).as("web addresses outside this machine").isEmpty();
    }
}
