package io.shopstreams.kafka.embedded;

import java.io.File;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The class path a child JVM is started with. */
public final class ClassPath {
    private ClassPath() {
    }

    /**
     * This JVM's class path with every entry made absolute, so that a child started in another directory finds
     * it too ({@code java -jar shopctl/target/shopctl-all.jar} has a relative one).
     */
    public static String absolute() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry.isEmpty() ? entry : Paths.get(entry).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
