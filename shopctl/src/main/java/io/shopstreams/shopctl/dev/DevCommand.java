package io.shopstreams.shopctl.dev;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.shopstreams.shopctl.cli.CliFailure;
import io.shopstreams.shopctl.cli.ExitCodes;
import io.shopstreams.shopctl.cli.StopSignals;
import io.shopstreams.shopctl.kafka.KafkaOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shopctl dev}: the whole system on one machine, in this JVM (see {@link DevStack}), until Ctrl-C or
 * SIGTERM; then it stops the services, then the broker, and exits 0.
 */
@Command(name = "dev", description = {
        "Run the whole system locally until Ctrl-C.",
        "Starts an embedded Kafka broker (unless --bootstrap-servers), applies the dev topics, publishes the",
        "demo catalog, and runs cart-stream and order-stream in this JVM."})
public final class DevCommand implements Callable<Integer> {
    private static final String HOST = "127.0.0.1";

    @Spec
    private CommandSpec spec;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Port of the embedded broker on 127.0.0.1 (default: 9092).")
    private int kafkaPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker data and service state here across restarts (default: a temporary "
                    + "directory, deleted on exit).")
    private Path dataDir;

    @Option(names = "--cart-port", paramLabel = "PORT", defaultValue = "7070",
            description = "HTTP port of cart-stream (default: 7070).")
    private int cartPort;

    @Option(names = "--order-port", paramLabel = "PORT", defaultValue = "7071",
            description = "HTTP port of order-stream (default: 7071).")
    private int orderPort;

    @Option(names = "--auth", paramLabel = "MODE", defaultValue = "none",
            description = "HTTP authentication: none (default), token (one generated static token for writes and "
                    + "/admin), or jwt (a generated key pair; prints a token for each role).")
    private String auth;

    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        String external = kafka.explicitBootstrapServers().orElse(null);
        checkOptions(external);
        PrintWriter out = spec.commandLine().getOut();
        boolean interrupted;
        try (StopSignals signals = StopSignals.install(spec.commandLine().getErr())) {
            DevStack.Settings settings = new DevStack.Settings(external, kafkaPort, dataDir, cartPort, orderPort, kafka,
                    authMode());
            try (DevStack stack = DevStack.start(settings, out)) {
                signals.ready();
                List<String> urls = stack.baseUrls();
                DevBanner.lines((System.nanoTime() - started) / 1e9, stack.bootstrapServers(), kafkaNote(stack),
                        urls.get(0), urls.get(1), stack.auth()).forEach(out::println);
                out.flush();
                interrupted = signals.awaitStopRequest();
                out.println("shopctl dev: stopping");
                out.flush();
            }
        }
        out.println("shopctl dev: stopped");
        out.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private DevAuth.Mode authMode() {
        try {
            return DevAuth.Mode.valueOf(auth.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--auth must be none, token or jwt, got " + auth);
        }
    }

    private void checkOptions(String external) {
        authMode();
        if (external == null && kafka.commandConfig().isPresent()) {
            throw new ParameterException(spec.commandLine(),
                    "--command-config is for the cluster given with --bootstrap-servers; the embedded broker needs none");
        }
        if (external != null && spec.commandLine().getParseResult().hasMatchedOption("--kafka-port")) {
            throw new ParameterException(spec.commandLine(),
                    "--kafka-port is the embedded broker's port; with --bootstrap-servers no broker is started");
        }
        for (int port : new int[] {kafkaPort, cartPort, orderPort}) {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "ports must be 1..65535, got " + port);
            }
        }
        if (cartPort == orderPort || (external == null && (kafkaPort == cartPort || kafkaPort == orderPort))) {
            throw new ParameterException(spec.commandLine(), "--kafka-port, --cart-port and --order-port must differ");
        }
        if (external == null) {
            requireFree(kafkaPort, " (is a Kafka broker running there already?): choose another with --kafka-port,"
                    + " or use that broker with --bootstrap-servers " + HOST + ":" + kafkaPort);
        }
        requireFree(cartPort, ": choose another with --cart-port");
        requireFree(orderPort, ": choose another with --order-port");
    }

    private static void requireFree(int port, String advice) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw CliFailure.failure("port " + port + " on " + HOST + " is taken" + advice);
        }
    }

    private static String kafkaNote(DevStack stack) {
        if (!stack.embedded()) {
            return "given by --bootstrap-servers; service state in " + stack.dataDir()
                    + (stack.temporary() ? ", deleted on exit" : "");
        }
        return "embedded; data in " + stack.dataDir() + (stack.temporary() ? ", deleted on exit" : ", kept");
    }
}
