package io.shopstreams.shopctl.acls;

import io.shopstreams.cart.stream.CartTopology;
import io.shopstreams.order.domain.OrderPolicy;
import io.shopstreams.order.stream.OrderTopology;
import io.shopstreams.service.acl.ServiceAcls;
import io.shopstreams.service.aggregate.DecisionObserver;
import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.dlq.DeadLetterRepublisher;
import io.shopstreams.shopctl.kafka.KafkaClients;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code shopctl acls plan|apply}: the least-privilege ACLs of both services, derived from their topologies
 * ({@link ServiceAcls}); {@code apply} creates the missing ones and never deletes any, so it can run again.
 */
@Command(name = "acls", description = "Plan or apply the Kafka ACLs each service needs, and nothing else.")
public final class AclsCommands {
    /** Topic names and internal prefixes do not depend on partition counts or retention. */
    private static final int ANY_PARTITIONS = 1;

    @Spec
    private CommandSpec spec;

    static final class Principals {
        @Option(names = "--cart-principal", paramLabel = "PRINCIPAL", required = true,
                description = "cart-stream's principal, e.g. User:cart.")
        String cart;

        @Option(names = "--order-principal", paramLabel = "PRINCIPAL", required = true,
                description = "order-stream's principal, e.g. User:order.")
        String order;

        @Option(names = "--cli-principal", paramLabel = "PRINCIPAL",
                description = "The operators' shopctl principal, e.g. User:ops: read every public topic, write "
                        + "the catalog and the command topics, re-publish dead letters, rebuild a stopped "
                        + "service; no event writes, no topics or ACL changes.")
        String cli;

        @Option(names = "--cart-application-id", paramLabel = "ID", defaultValue = CartTopology.SERVICE,
                description = "cart-stream's APPLICATION_ID (default: cart-stream).")
        String cartApplicationId;

        @Option(names = "--order-application-id", paramLabel = "ID", defaultValue = OrderTopology.SERVICE,
                description = "order-stream's APPLICATION_ID (default: order-stream).")
        String orderApplicationId;

        List<AclBinding> acls(CommandSpec spec) {
            List<String> principals = new ArrayList<>(List.of(cart, order));
            if (cli != null) {
                principals.add(cli);
            }
            for (String principal : principals) {
                if (!principal.matches("[A-Za-z]+:.+")) {
                    throw new ParameterException(spec.commandLine(),
                            "a principal is TYPE:NAME, e.g. User:cart; got " + principal);
                }
            }
            if (new HashSet<>(principals).size() < principals.size()) {
                throw new ParameterException(spec.commandLine(), "each service and the CLI need a principal of "
                        + "their own: with one, the broker cannot keep them apart");
            }
            List<AclBinding> acls = new ArrayList<>(ServiceAcls.forService(cart, cartApplicationId,
                    CartTopology.build(new CartTopology.Options(ANY_PARTITIONS,
                            CartTopology.Options.DEFAULT_COMMAND_RETENTION), DecisionObserver.none()),
                    CartTopology.COMMANDS.topic().name()));
            acls.addAll(ServiceAcls.forService(order, orderApplicationId,
                    OrderTopology.build(new OrderTopology.Options(ANY_PARTITIONS,
                            OrderTopology.Options.DEFAULT_COMMAND_RETENTION, OrderPolicy.DEFAULT),
                            DecisionObserver.none()), OrderTopology.COMMANDS.topic().name()));
            if (cli != null) {
                acls.addAll(ServiceAcls.forCli(cli, DeadLetterRepublisher.TRANSACTIONAL_ID,
                        List.of(cartApplicationId, orderApplicationId)));
            }
            return acls;
        }
    }

    @Command(name = "plan", description = "Print the ACLs, one per line; change nothing.")
    int plan(@Mixin Principals principals) {
        PrintWriter out = spec.commandLine().getOut();
        principals.acls(spec).forEach(acl -> out.println(ServiceAcls.describe(acl)));
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "apply", description = "Create the ACLs that are missing; delete none.")
    int apply(@Mixin Principals principals, @Mixin KafkaOptions kafka) {
        List<AclBinding> wanted = principals.acls(spec);
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = KafkaClients.admin(kafka)) {
            Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(30, TimeUnit.SECONDS));
            List<AclBinding> missing = wanted.stream().filter(acl -> !present.contains(acl)).toList();
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
            }
            missing.forEach(acl -> out.println("created " + ServiceAcls.describe(acl)));
            out.println("acls: " + missing.size() + " created, " + (wanted.size() - missing.size())
                    + " already present");
            out.flush();
            return ExitCodes.OK;
        } catch (ExecutionException e) {
            throw CliFailure.failure("acls apply: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw CliFailure.failure("acls apply: Kafka did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliFailure.failure("acls apply: interrupted", e);
        }
    }
}
