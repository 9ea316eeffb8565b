package io.shopstreams.systemtests;

import io.shopstreams.shopctl.ShopCtl;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** Runs a shopctl command in-process through its production command line, against one broker. */
final class Shopctl {
    private final String bootstrap;

    Shopctl(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** What a finished command left behind. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().filter(line -> !line.isEmpty()).toList();
        }

        List<String> errLines() {
            return err.lines().filter(line -> !line.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = ShopCtl.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = bootstrap;
        int exitCode = commandLine.execute(all);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
