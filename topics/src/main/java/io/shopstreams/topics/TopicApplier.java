package io.shopstreams.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster's topics match their declarations, idempotently.
 *
 * <pre>{@code
 * try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:9092"))) {
 *     ApplyReport report = new TopicApplier(admin).apply(TopicDeclarations.load("dev"), ApplyOptions.defaults());
 *     report.lines().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Contract of {@link #apply}:
 * <ul>
 *   <li>First checks, against {@code describeCluster}, that every declaration fits the cluster; otherwise
 *       throws {@link UnsatisfiableDeclarationException} before changing anything.</li>
 *   <li>Creates missing topics; sets declared configs whose value differs ({@code incrementalAlterConfigs},
 *       other configs untouched); raises partition counts only with {@link ApplyOptions#allowPartitionIncrease()}.</li>
 *   <li>Never deletes a topic, never lowers partitions, never changes a replication factor: such differences are
 *       reported as {@link ApplyAction.Kind#DRIFT}. Undeclared topics are ignored.</li>
 *   <li>Applying twice is a no-op the second time ({@link ApplyReport#isNoOp()}).</li>
 *   <li>Every admin call is bounded by the call timeout (default {@value #DEFAULT_TIMEOUT_SECONDS} s): an unreachable
 *       cluster fails with a one-line {@link TopicAdminException}, never hangs.</li>
 * </ul>
 * The {@link Admin} belongs to the caller, who closes it.
 */
public final class TopicApplier {

    public static final long DEFAULT_TIMEOUT_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(TopicApplier.class);

    private final ClusterReader reader;
    private final PlanExecutor executor;

    /** An applier whose admin calls each time out after {@value #DEFAULT_TIMEOUT_SECONDS} s. */
    public TopicApplier(Admin admin) {
        this(admin, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
    }

    public TopicApplier(Admin admin, Duration callTimeout) {
        Objects.requireNonNull(admin, "admin");
        AdminCalls calls = new AdminCalls(Objects.requireNonNull(callTimeout, "callTimeout"));
        this.reader = new ClusterReader(admin, calls);
        this.executor = new PlanExecutor(admin, calls);
    }

    /** {@link #apply(List, ApplyOptions)} for a profile's declarations. */
    public ApplyReport apply(TopicDeclarations declarations, ApplyOptions options) {
        return apply(declarations.topics(), options);
    }

    /**
     * Brings the declared topics to their declared shape (see the class contract), or with
     * {@link ApplyOptions#dryRun()} only reports what it would do, after the broker validated it.
     *
     * @throws UnsatisfiableDeclarationException a declaration needs more brokers than the cluster has
     * @throws TopicAdminException               Kafka did not answer in time or refused a call
     */
    public ApplyReport apply(List<TopicDeclaration> declarations, ApplyOptions options) {
        Objects.requireNonNull(options, "options");
        int brokers = reader.brokerCount();
        requireSatisfiable(declarations, brokers);
        List<ApplyPlanner.PlannedStep> plan = ApplyPlanner.plan(compare(declarations), options);
        Set<String> createdMeanwhile = executor.execute(plan, options.dryRun());
        if (!createdMeanwhile.isEmpty()) {
            plan = replan(plan, declarations, createdMeanwhile, options);
        }
        ApplyReport report = new ApplyReport(options.dryRun(),
                plan.stream().map(ApplyPlanner.PlannedStep::action).collect(Collectors.toList()));
        report.changes().forEach(change -> LOG.info("{}", change.text()));
        report.drift().forEach(drift -> LOG.warn("{}", drift.text()));
        return report;
    }

    /** {@link #describe(List)} for a profile's declarations. */
    public DescribeReport describe(TopicDeclarations declarations) {
        return describe(declarations.topics());
    }

    /**
     * The declared topics next to what the cluster has; changes nothing.
     *
     * @throws TopicAdminException Kafka did not answer in time or refused a call
     */
    public DescribeReport describe(List<TopicDeclaration> declarations) {
        int brokers = reader.brokerCount();
        return new DescribeReport(brokers, compare(declarations));
    }

    private List<TopicComparison> compare(List<TopicDeclaration> declarations) {
        Map<String, TopicState> states = reader.read(declarations);
        return declarations.stream()
                .map(declaration -> TopicComparison.of(declaration, states.get(declaration.name())))
                .collect(Collectors.toList());
    }

    /**
     * Another client created some topics between our read and our create: compare those again as existing
     * topics and carry out what that requires, so the report tells the truth about them.
     */
    private List<ApplyPlanner.PlannedStep> replan(List<ApplyPlanner.PlannedStep> plan,
                                                  List<TopicDeclaration> declarations,
                                                  Set<String> createdMeanwhile, ApplyOptions options) {
        List<TopicDeclaration> raced = declarations.stream()
                .filter(declaration -> createdMeanwhile.contains(declaration.name()))
                .collect(Collectors.toList());
        List<ApplyPlanner.PlannedStep> again = ApplyPlanner.plan(compare(raced), options);
        if (again.stream().anyMatch(step -> step.step() instanceof ApplyPlanner.Create)) {
            throw new TopicAdminException("topics " + createdMeanwhile + " exist according to the broker but cannot"
                    + " be described yet; run again");
        }
        executor.execute(again, options.dryRun());
        List<ApplyPlanner.PlannedStep> merged = new ArrayList<>();
        for (ApplyPlanner.PlannedStep step : plan) {
            if (!createdMeanwhile.contains(step.action().topic())) {
                merged.add(step);
            } else if (step.step() instanceof ApplyPlanner.Create) {
                again.stream().filter(other -> other.action().topic().equals(step.action().topic()))
                        .forEach(merged::add);
            }
        }
        return merged;
    }

    private static void requireSatisfiable(List<TopicDeclaration> declarations, int brokers) {
        for (TopicDeclaration declaration : declarations) {
            if (declaration.replicationFactor() > brokers) {
                throw new UnsatisfiableDeclarationException(declaration, brokers);
            }
        }
    }
}
