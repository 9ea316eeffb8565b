package io.shopstreams.kafka.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.Node;

/** Waits until nodes serve clients, as seen by an AdminClient's {@code describeCluster}. */
final class ReadinessProbe {

    private static final long POLL_MILLIS = 100;
    private static final int CALL_TIMEOUT_MILLIS = 2_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private ReadinessProbe() {
    }

    /**
     * Returns once {@code describeCluster}, asked through {@code bootstrapServers}, lists every id in
     * {@code expectedNodeIds}; fails with a {@link KafkaStartupException} after {@code timeout} or as soon as
     * one of {@code nodes} stops running.
     */
    static void awaitNodes(String bootstrapServers, Set<Integer> expectedNodeIds,
                           Collection<KafkaNode> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> seen = Set.of();
        String lastError = "no answer yet";
        // An AdminClient logs a warning per failed connection attempt: wait for the ports to listen first.
        awaitListening(bootstrapServers, nodes, deadline);
        try (Admin admin = probeAdmin(bootstrapServers)) {
            while (System.nanoTime() < deadline) {
                failIfAnyDied(nodes);
                try {
                    Collection<Node> live = admin.describeCluster(
                                    new DescribeClusterOptions().timeoutMs(CALL_TIMEOUT_MILLIS))
                            .nodes().get(CALL_TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS);
                    seen = live.stream().map(Node::id).collect(Collectors.toSet());
                    if (seen.containsAll(expectedNodeIds)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Expected while the nodes boot: keep polling until the deadline.
                    lastError = String.valueOf(e.getCause() != null ? e.getCause() : e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaStartupException("interrupted while waiting for Kafka to start", e);
                }
                sleep(POLL_MILLIS);
            }
        }
        throw new KafkaStartupException("Kafka at " + bootstrapServers + " did not list nodes " + expectedNodeIds
                + " within " + timeout.toSeconds() + " s (listed " + seen + "; last error: " + lastError + ")\n"
                + diagnostics(nodes));
    }

    /**
     * Returns once the quorum, asked through the brokers at {@code bootstrapServers}, reports voter {@code voterId}
     * caught up with its leader at or after {@code sinceEpochMillis}: a restarted controller that is back in the
     * quorum. Fails with a {@link KafkaStartupException} after {@code timeout} or when {@code node} stops running.
     */
    static void awaitVoter(String bootstrapServers, int voterId, long sinceEpochMillis, KafkaNode node,
                           Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastState = "no answer yet";
        awaitListening(node.spec().controllerAddress(), List.of(node), deadline);
        try (Admin admin = probeAdmin(bootstrapServers)) {
            while (System.nanoTime() < deadline) {
                failIfAnyDied(List.of(node));
                try {
                    QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo()
                            .get(CALL_TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS);
                    Optional<QuorumInfo.ReplicaState> voter = quorum.voters().stream()
                            .filter(replica -> replica.replicaId() == voterId).findFirst();
                    lastState = voter.map(String::valueOf).orElse("not a voter");
                    if (quorum.leaderId() == voterId || voter.isPresent()
                            && voter.get().lastCaughtUpTimestamp().orElse(0) >= sinceEpochMillis) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    lastState = String.valueOf(e.getCause() != null ? e.getCause() : e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KafkaStartupException("interrupted while waiting for controller " + voterId, e);
                }
                sleep(POLL_MILLIS);
            }
        }
        throw new KafkaStartupException("controller " + voterId + " did not catch up with the quorum within "
                + timeout.toSeconds() + " s (last: " + lastState + ")\n" + node.diagnostics());
    }

    /** An AdminClient whose calls give up after {@link #CALL_TIMEOUT_MILLIS}, so that a poll loop keeps its pace. */
    private static Admin probeAdmin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MILLIS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CALL_TIMEOUT_MILLIS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200));
    }

    private static void awaitListening(String addresses, Collection<KafkaNode> nodes, long deadline) {
        for (String address : addresses.split(",")) {
            int colon = address.lastIndexOf(':');
            InetSocketAddress socketAddress =
                    new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
            while (!isListening(socketAddress) && System.nanoTime() < deadline) {
                failIfAnyDied(nodes);
                sleep(POLL_MILLIS);
            }
        }
    }

    private static boolean isListening(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            // Refused or timed out: not listening yet, which is what is being polled for.
            return false;
        }
    }

    private static void failIfAnyDied(Collection<KafkaNode> nodes) {
        List<KafkaNode> dead = nodes.stream().filter(node -> !node.isRunning()).collect(Collectors.toList());
        if (!dead.isEmpty()) {
            throw new KafkaStartupException("Kafka node(s) stopped while starting:\n" + diagnostics(dead));
        }
    }

    private static String diagnostics(Collection<KafkaNode> nodes) {
        return nodes.stream().map(KafkaNode::diagnostics).collect(Collectors.joining("\n"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaStartupException("interrupted while waiting for Kafka to start", e);
        }
    }
}
