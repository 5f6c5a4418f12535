package dev.ecsd.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The iptables rules a server adds and deletes, run against a fake iptables that keeps its rules in a list. */
class HostRedirectTest {
    // as iptables 1.8 (nf_tables) lists them: the comment quoted
    private static final String LEFTOVER = "-A PREROUTING -s 172.17.0.5/32 -d 169.254.170.2/32 -p tcp -m tcp "
            + "--dport 80 -m comment --comment \"ecsd:me\" -j DNAT --to-destination 127.0.0.1:40000";
    private static final String OTHERS = "-A PREROUTING -s 172.17.0.6/32 -d 169.254.170.2/32 -p tcp -m tcp "
            + "--dport 80 -m comment --comment \"ecsd:other\" -j DNAT --to-destination 127.0.0.1:40001";

    @TempDir
    Path directory;

    private final List<String> nat = new ArrayList<>(List.of("-P PREROUTING ACCEPT", LEFTOVER, OTHERS));
    private final List<List<String>> commands = new ArrayList<>();
    private boolean guarded;
    private final List<List<String>> holds = new ArrayList<>();

    private HostRedirect.Commands.Result run(List<String> command) {
        commands.add(command);
        List<String> args = command.subList(3, command.size()); // after "iptables -w 5"
        if (args.contains("-S")) {
            return new HostRedirect.Commands.Result(0, String.join("\n", nat) + "\n");
        }
        if (args.contains("INPUT")) {
            boolean check = args.contains("-C");
            guarded |= args.contains("-I");
            return new HostRedirect.Commands.Result(check && !guarded ? 1 : 0, "");
        }
        if (args.contains("DOCKER-USER")) {
            boolean check = args.contains("-C");
            if (args.contains("-I")) {
                holds.add(args);
            }
            return new HostRedirect.Commands.Result(check && holds.isEmpty() ? 1 : 0, "");
        }
        String source = args.get(args.indexOf("-s") + 1);
        String comment = args.get(args.indexOf("--comment") + 1);
        if (comment.contains("\"")) {
            return new HostRedirect.Commands.Result(2, "Bad argument: a quote inside the comment");
        }
        if (args.contains("-D")) {
            boolean deleted = nat.removeIf(rule -> rule.contains("-s " + source + " ")
                    && rule.contains("--comment \"" + comment + "\" "));
            return new HostRedirect.Commands.Result(deleted ? 0 : 1, deleted ? "" : "Bad rule");
        }
        nat.add(1, "-A PREROUTING -s " + source + " -d 169.254.170.2/32 -p tcp -m tcp --dport 80 -m comment "
                + "--comment \"" + comment + "\" -j DNAT --to-destination " + args.getLast());
        return new HostRedirect.Commands.Result(0, "");
    }

    @Test
    void aServerReplacesWhatItLeftAndTakesOverAnAddressItsContainerNowHas() throws Exception {
        Path localnet = Files.writeString(directory.resolve("route_localnet"), "0\n");
        HostRedirect redirect = new HostRedirect("me", this::run, localnet);

        assertThat(redirect.setUp(51679)).isTrue();
        assertThat(Files.readString(localnet).trim()).isEqualTo("1");
        assertThat(nat).doesNotContain(LEFTOVER).contains(OTHERS);
        assertThat(guarded).isTrue();
        assertThat(holds).as("requests for the endpoint not redirected yet are dropped, once for all servers")
                .singleElement().satisfies(hold -> assertThat(String.join(" ", hold))
                        .contains("-I DOCKER-USER -d 169.254.170.2/32 -p tcp -m tcp --dport 80", "-j DROP"));

        redirect.add("172.17.0.6");
        assertThat(nat).doesNotContain(OTHERS).anySatisfy(rule -> assertThat(rule)
                .contains("-s 172.17.0.6/32", "--comment \"ecsd:me\"", "--to-destination 127.0.0.1:51679"));
        redirect.add("172.17.0.7");
        redirect.remove("172.17.0.7");
        assertThat(nat).noneMatch(rule -> rule.contains("172.17.0.7"));

        redirect.close();
        assertThat(nat).containsExactly("-P PREROUTING ACCEPT");
        redirect.add("172.17.0.8");
        assertThat(nat).as("a closed redirect adds nothing").containsExactly("-P PREROUTING ACCEPT");
        assertThat(new HostRedirect("other", this::run, localnet).setUp(51680)).isTrue();
        assertThat(holds).as("the next server finds the hold there").hasSize(1);
    }

    @Test
    void aHostWithoutIptablesIsSaidAndNothingIsAdded() throws Exception {
        Path localnet = Files.writeString(directory.resolve("route_localnet"), "1\n");
        HostRedirect redirect = new HostRedirect("me", command -> {
            commands.add(command);
            return new HostRedirect.Commands.Result(-1, "Cannot run program \"iptables\"");
        }, localnet);

        assertThat(redirect.setUp(51679)).isFalse();
        assertThat(redirect.isActive()).isFalse();
        redirect.add("172.17.0.6");
        assertThat(commands).hasSize(1);
    }
}
