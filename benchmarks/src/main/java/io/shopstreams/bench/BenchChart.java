package io.shopstreams.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as a picture: throughput of every application drained (ours and the baselines) as bars, then the
 * open loop's latency percentiles, each kind (event committed, change visible, order visible) at each load.
 * Drawn with the JDK's own 2D graphics, headless.
 */
final class BenchChart {
    private static final Set<String> RATES = Set.of("records/s", "commands/s", "checkouts/s");
    private static final Pattern LATENCY = Pattern.compile(
            "(.*?): (.*?), open loop at .*\\((\\d+) % of max\\), (p50|p99|p99\\.9|max)");
    private static final int WIDTH = 1100;
    private static final int LABEL_WIDTH = 560;
    private static final int BAR = 18;
    private static final int GAP = 6;
    private static final Color OURS = new Color(0x2b6cb0);
    private static final Color BASELINE = new Color(0xa0aec0);

    private record Bar(String label, double value, String unit, boolean baseline) {
    }

    private BenchChart() {
    }

    static void write(BenchReport report, Path file) throws IOException {
        List<Bar> rates = report.rows().stream().filter(row -> RATES.contains(row.unit()))
                .map(row -> new Bar(row.what(), row.figure(), row.unit(), isBaseline(row.what()))).toList();
        List<Bar> latencies = report.rows().stream().filter(row -> row.unit().equals("ms"))
                .map(row -> latency(row.what(), row.figure())).filter(java.util.Objects::nonNull).toList();
        int height = 60 + rates.size() * (BAR + GAP) + 60 + latencies.size() * (BAR + GAP) + 40;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            int y = panel(g, "Throughput (grey: Kafka baselines of the same run)", rates, 30);
            panel(g, "Open-loop latency, from the intended send time (ms)", latencies, y + 30);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /** Draws a titled list of horizontal bars scaled to the longest; returns the y below it. */
    private static int panel(Graphics2D g, String title, List<Bar> bars, int top) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double max = bars.stream().mapToDouble(Bar::value).filter(v -> !Double.isNaN(v)).max().orElse(1);
        int barSpace = WIDTH - LABEL_WIDTH - 130;
        int y = top + 15;
        for (Bar bar : bars) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(shorten(bar.label()), 10, y + BAR - 5);
            int length = Double.isNaN(bar.value()) ? 0 : (int) Math.max(1, barSpace * bar.value() / max);
            g.setColor(bar.baseline() ? BASELINE : OURS);
            g.fillRect(LABEL_WIDTH, y, length, BAR);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, bar.value() >= 100 ? "%,.0f %s" : "%.1f %s", bar.value(),
                    bar.unit()), LABEL_WIDTH + length + 6, y + BAR - 5);
            y += BAR + GAP;
        }
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.LIGHT_GRAY);
        g.drawLine(LABEL_WIDTH, top + 10, LABEL_WIDTH, y);
        return y;
    }

    private static Bar latency(String what, double millis) {
        Matcher matcher = LATENCY.matcher(what);
        if (!matcher.matches() || matcher.group(4).equals("max")) {
            return null;
        }
        String label = matcher.group(2).replace("command sent to ", "").replace("checkout sent to ", "")
                + ", " + matcher.group(3) + " % load, " + matcher.group(4);
        return new Bar(label, millis, "ms", false);
    }

    private static boolean isBaseline(String what) {
        return what.startsWith("skeleton") || what.startsWith("count") || what.startsWith("transactional producer")
                || what.startsWith("load:");
    }

    private static String shorten(String label) {
        return label.length() <= 80 ? label : label.substring(0, 77) + "...";
    }
}
