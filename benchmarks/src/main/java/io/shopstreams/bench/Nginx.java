package io.shopstreams.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * nginx serving files from a directory on one port: the query baseline, the same JSON as static files. Installed
 * with apt-get when it is missing and this process runs as root (CI does); otherwise the baseline is skipped.
 */
final class Nginx implements AutoCloseable {
    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/bin/nginx"),
            Path.of("/usr/local/sbin/nginx"));

    private final Process process;

    private Nginx(Process process) {
        this.process = process;
    }

    static Optional<Path> binary(Consumer<String> progress) throws InterruptedException {
        Optional<Path> found = LOCATIONS.stream().filter(Files::isExecutable).findFirst();
        if (found.isPresent() || !"root".equals(System.getProperty("user.name"))) {
            return found;
        }
        progress.accept("nginx is missing: installing it with apt-get");
        try {
            Process install = new ProcessBuilder("sh", "-c",
                    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light "
                            + "|| DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!install.waitFor(5, TimeUnit.MINUTES)) {
                install.destroyForcibly();
            }
        } catch (IOException e) {
            progress.accept("nginx could not be installed: " + e.getMessage());
        }
        return LOCATIONS.stream().filter(Files::isExecutable).findFirst();
    }

    /** Serves {@code root} on 127.0.0.1:{@code port}, one worker, no access log; config and logs in {@code dir}. */
    static Nginx serve(Path binary, Path root, int port, Path dir) throws IOException {
        Files.createDirectories(dir);
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, user + "worker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\nerror_log "
                + dir.resolve("error.log") + ";\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n"
                + "  default_type application/json;\n  client_body_temp_path " + dir + ";\n  proxy_temp_path " + dir
                + ";\n  fastcgi_temp_path " + dir + ";\n  uwsgi_temp_path " + dir + ";\n  scgi_temp_path " + dir
                + ";\n  server {\n    listen 127.0.0.1:" + port + ";\n    root " + root + ";\n  }\n}\n",
                StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", conf.toString(), "-g",
                "daemon off;").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nginx.log").toFile())).start();
        return new Nginx(process);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
