package io.shopstreams.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreatePartitionsOptions;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Carries out planned steps with one batched admin call per kind (create, alter configs, add partitions).
 * In a dry run the same calls go out with {@code validateOnly}, so the broker still checks them.
 */
final class PlanExecutor {

    private final Admin admin;
    private final AdminCalls calls;

    PlanExecutor(Admin admin, AdminCalls calls) {
        this.admin = admin;
        this.calls = calls;
    }

    /**
     * Executes {@code steps}; returns the topics whose creation found them already there (another client
     * created them after they were read), for the caller to compare again.
     *
     * @throws TopicAdminException when a call fails or times out; its message names the first failed topic
     */
    Set<String> execute(List<ApplyPlanner.PlannedStep> steps, boolean dryRun) {
        Map<String, KafkaFuture<Void>> pending = new LinkedHashMap<>();
        List<NewTopic> creates = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alters = new LinkedHashMap<>();
        Map<String, NewPartitions> increases = new LinkedHashMap<>();
        for (ApplyPlanner.PlannedStep planned : steps) {
            ApplyPlanner.Step step = planned.step();
            if (step instanceof ApplyPlanner.Create) {
                TopicDeclaration declaration = ((ApplyPlanner.Create) step).declaration();
                creates.add(new NewTopic(declaration.name(), declaration.partitions(),
                        (short) declaration.replicationFactor()).configs(declaration.configs()));
            } else if (step instanceof ApplyPlanner.SetConfigs) {
                ApplyPlanner.SetConfigs set = (ApplyPlanner.SetConfigs) step;
                alters.put(ClusterReader.resource(set.topic()), set.values().entrySet().stream()
                        .map(value -> new AlterConfigOp(new ConfigEntry(value.getKey(), value.getValue()),
                                AlterConfigOp.OpType.SET))
                        .collect(Collectors.toList()));
            } else if (step instanceof ApplyPlanner.IncreasePartitions) {
                ApplyPlanner.IncreasePartitions increase = (ApplyPlanner.IncreasePartitions) step;
                increases.put(increase.topic(), NewPartitions.increaseTo(increase.to()));
            } else if (!(step instanceof ApplyPlanner.None)) {
                throw new IllegalStateException("unknown step " + step);
            }
        }
        if (!creates.isEmpty()) {
            admin.createTopics(creates, new CreateTopicsOptions().validateOnly(dryRun).timeoutMs(calls.timeoutMs()))
                    .values().forEach((topic, future) -> pending.put("create topic " + topic, future));
        }
        if (!alters.isEmpty()) {
            admin.incrementalAlterConfigs(alters,
                            new AlterConfigsOptions().validateOnly(dryRun).timeoutMs(calls.timeoutMs()))
                    .values().forEach((resource, future) ->
                            pending.put("set configs of topic " + resource.name(), future));
        }
        if (!increases.isEmpty()) {
            admin.createPartitions(increases,
                            new CreatePartitionsOptions().validateOnly(dryRun).timeoutMs(calls.timeoutMs()))
                    .values().forEach((topic, future) -> pending.put("add partitions to topic " + topic, future));
        }
        return awaitAll(pending);
    }

    /** Waits for every call (they run in parallel), then reports the first failure with a count of the others. */
    private Set<String> awaitAll(Map<String, KafkaFuture<Void>> pending) {
        Set<String> alreadyExisting = new LinkedHashSet<>();
        List<TopicAdminException> failures = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> call : pending.entrySet()) {
            try {
                calls.await(call.getValue(), call.getKey());
            } catch (TopicAdminException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    alreadyExisting.add(call.getKey().substring("create topic ".length()));
                } else {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            TopicAdminException first = failures.get(0);
            String more = failures.size() == 1 ? "" : " (and " + (failures.size() - 1) + " more failed call(s))";
            TopicAdminException failure = new TopicAdminException(first.getMessage() + more, first.getCause());
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
        return alreadyExisting;
    }
}
