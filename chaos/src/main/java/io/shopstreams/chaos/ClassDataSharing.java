package io.shopstreams.chaos;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * An AppCDS archive per service, so that a restarted instance starts on 2 starved cores in about half the time
 * (measured against a running broker with four busy loops beside it: 9.0 s to ready without, 5.9 s with). The
 * first start of a service's first instance lists the classes it loads ({@code -XX:DumpLoadedClassList}, written
 * as they load, so a {@code kill -9} keeps it); {@link #dump} then archives them before the load begins, and every
 * later start maps the archive. The JDK archives classes from jars only, so the class path's directories (a
 * Maven module's {@code target/classes}) are packed into jars once.
 */
final class ClassDataSharing {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final long DUMP_TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final String classPath;

    ClassDataSharing(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            this.classPath = jarsOnly(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the class path in " + dir, e);
        }
    }

    /** The class path every service JVM is started with. */
    String classPath() {
        return classPath;
    }

    /**
     * JVM options for a start of {@code service}: list its classes until there is an archive, then map it, and
     * say in {@code cdsLog} whether it could (the JDK falls back to no archive silently).
     */
    List<String> options(Service service, boolean listClasses, Path cdsLog) {
        Path archive = archive(service);
        if (Files.exists(archive)) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=info:file=" + cdsLog);
        }
        return listClasses ? List.of("-XX:DumpLoadedClassList=" + classList(service)) : List.of();
    }

    /** Archives what the first start of {@code service} loaded; without an archive a start is only slower. */
    void dump(Service service) throws InterruptedException {
        Path list = classList(service);
        Path log = dir.resolve(service.label() + "-dump.log");
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:dump", "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + archive(service),
                "-cp", classPath);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ChildProcesses.register(process);
            boolean ended = process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ChildProcesses.forget(process);
            if (!ended || process.exitValue() != 0) {
                process.destroyForcibly();
                Files.deleteIfExists(archive(service));
                LOG.warn("no class data archive for {} (see {}): its restarts start without one", service.label(), log);
            }
        } catch (IOException e) {
            LOG.warn("no class data archive for {}: {}", service.label(), e.toString());
        }
    }

    private Path classList(Service service) {
        return dir.resolve(service.label() + ".classlist");
    }

    private Path archive(Service service) {
        return dir.resolve(service.label() + ".jsa");
    }

    private static String jarsOnly(Path dir) throws IOException {
        List<String> entries = new ArrayList<>();
        int packed = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Paths.get(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                Path jar = dir.resolve("classpath-" + packed++ + ".jar");
                pack(path, jar);
                entries.add(jar.toString());
            } else if (Files.exists(path)) {
                entries.add(path.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void pack(Path directory, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(directory.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
    }
}
