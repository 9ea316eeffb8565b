package io.shopstreams.shopctl;

import io.shopstreams.shopctl.audit.AuditCommand;
import io.shopstreams.shopctl.catalog.ProductsCommands;
import io.shopstreams.shopctl.cli.ErrorReporter;
import io.shopstreams.shopctl.commands.CartCommands;
import io.shopstreams.shopctl.commands.OrderCommands;
import io.shopstreams.shopctl.dev.DevCommand;
import io.shopstreams.shopctl.dlq.DlqCommands;
import io.shopstreams.shopctl.replay.ReplayCommand;
import io.shopstreams.shopctl.tail.TailCommand;
import io.shopstreams.shopctl.acls.AclsCommands;
import io.shopstreams.service.AsyncPool;
import io.shopstreams.shopctl.topics.TopicsCommands;
import io.shopstreams.bench.BenchCommand;
import io.shopstreams.chaos.ChaosCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code shopctl}: the operator CLI of shop-streams. One subcommand class per command group; every failure is one
 * line on stderr with an exit code from {@link io.shopstreams.shopctl.cli.ExitCodes}.
 */
@Command(name = "shopctl",
        // Inherited: every subcommand, method subcommands included, has --help and --version.
        scope = CommandLine.ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ShopCtl.Version.class,
        description = "Operate the shop-streams cart and order services on Kafka.",
        subcommands = {
                DevCommand.class,
                TopicsCommands.class,
                AclsCommands.class,
                ProductsCommands.class,
                CartCommands.class,
                OrderCommands.class,
                TailCommand.class,
                DlqCommands.class,
                ReplayCommand.class,
                AuditCommand.class,
                ChaosCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        },
        footer = {"", "Exit codes: 0 done, 1 failed while running, 2 bad usage or input, 3 topic drift remains."})
public final class ShopCtl {

    public static void main(String[] args) {
        // `shopctl dev` runs both services in this JVM.
        AsyncPool.atLeastTwoThreads();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through it in-process. */
    public static CommandLine commandLine() {
        ErrorReporter errors = new ErrorReporter();
        return new CommandLine(new ShopCtl())
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors);
    }

    /** The version recorded in the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ShopCtl.class.getPackage().getImplementationVersion();
            return new String[] {"shopctl " + (version == null ? "(development build)" : version)};
        }
    }
}
