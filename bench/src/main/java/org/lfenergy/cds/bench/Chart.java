package org.lfenergy.cds.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Renders a grouped bar chart (median bar, min–max whisker) as PNG with Java2D, headless: every bench measurement
 * draws its figures next to its baseline with it. Input TSV lines: {@code group series median min max}, or with a
 * leading panel name {@code panel group series median min max} for side-by-side panels with their own scales
 * ({@code #} lines are ignored).
 *
 * <p>Usage: Chart OUT.png TITLE Y_LABEL DATA.tsv [SUBTITLE]
 */
public final class Chart {

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};

    private Chart() {
    }

    record Bar(String panel, String group, String series, double median, double min, double max) {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args[0]);
        String title = args[1];
        String yLabel = args[2];
        List<Bar> bars = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            int o = f.length >= 6 ? 1 : 0;
            bars.add(new Bar(o == 1 ? f[0] : "", f[o], f[o + 1], Double.parseDouble(f[o + 2]),
                    Double.parseDouble(f[o + 3]), Double.parseDouble(f[o + 4])));
        }
        render(out, title, yLabel, args.length > 4 ? args[4] : "", bars);
    }

    static void render(Path out, String title, String yLabel, String subtitle, List<Bar> bars) throws Exception {
        Map<String, List<Bar>> panels = new LinkedHashMap<>();
        Set<String> series = new LinkedHashSet<>();
        for (Bar b : bars) {
            panels.computeIfAbsent(b.panel(), k -> new ArrayList<>()).add(b);
            series.add(b.series());
        }
        List<String> seriesList = new ArrayList<>(series);
        int barW = 22;
        int[] widths = new int[panels.size()];
        int total = 0;
        int i = 0;
        for (List<Bar> p : panels.values()) {
            long groups = p.stream().map(Bar::group).distinct().count();
            widths[i] = 80 + (int) groups * Math.max(90, series.size() * barW + 24);
            total += widths[i++];
        }
        int width = Math.max(640, total + 30);
        int height = 480;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle, 20, 44);
        int lx = 20;
        for (int k = 0; k < seriesList.size(); k++) {
            g.setColor(PALETTE[k % PALETTE.length]);
            g.fillRect(lx, 54, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(seriesList.get(k), lx + 16, 64);
            lx += 16 + g.getFontMetrics().stringWidth(seriesList.get(k)) + 18;
        }
        int x0 = 0;
        i = 0;
        for (Map.Entry<String, List<Bar>> p : panels.entrySet()) {
            panel(g, p.getKey(), p.getValue(), seriesList, yLabel, x0, widths[i], height, barW);
            x0 += widths[i++];
        }
        g.setColor(Color.GRAY);
        g.drawString("bars: median of the runs; whiskers: min–max", 20, height - 12);
        g.dispose();
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(img, "png", out.toFile());
    }

    private static void panel(Graphics2D g, String name, List<Bar> bars, List<String> series, String yLabel, int x0,
                              int panelWidth, int height, int barW) {
        Set<String> groups = new LinkedHashSet<>();
        Map<String, Bar> byKey = new LinkedHashMap<>();
        double top = 0;
        for (Bar b : bars) {
            groups.add(b.group());
            byKey.put(b.group() + "\u0000" + b.series(), b);
            for (double v : new double[] {b.max(), b.median()}) {
                if (!Double.isNaN(v)) {
                    top = Math.max(top, v);
                }
            }
        }
        top = niceCeiling(top * 1.08);
        int left = x0 + 70;
        int right = x0 + panelWidth - 10;
        int groupW = (right - left) / Math.max(1, groups.size());
        int plotTop = 96;
        int plotBottom = height - 110;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.setColor(Color.BLACK);
        g.drawString(name, left, plotTop - 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 5; i++) {
            double v = top * i / 5;
            int y = yOf(v, top, plotTop, plotBottom);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            String label = format(v);
            g.drawString(label, left - 6 - fm.stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, plotTop, left, plotBottom);
        g.drawLine(left, plotBottom, right, plotBottom);
        Graphics2D gy = (Graphics2D) g.create();
        gy.rotate(-Math.PI / 2);
        gy.drawString(yLabel, -(plotTop + plotBottom) / 2 - fm.stringWidth(yLabel) / 2, x0 + 16);
        gy.dispose();
        int gi = 0;
        for (String grp : groups) {
            int gx = left + gi * groupW + (groupW - series.size() * barW) / 2;
            for (int k = 0; k < series.size(); k++) {
                Bar b = byKey.get(grp + "\u0000" + series.get(k));
                if (b == null) {
                    continue;
                }
                int x = gx + k * barW;
                if (Double.isNaN(b.median())) {
                    // no successful call in any run (e.g. every call failed): say so instead of a bar
                    g.setColor(Color.RED);
                    Graphics2D gv = (Graphics2D) g.create();
                    gv.rotate(-Math.PI / 2, x + barW / 2.0, plotBottom - 4);
                    gv.drawString("no successful call", x + barW / 2, plotBottom);
                    gv.dispose();
                    continue;
                }
                int y = yOf(b.median(), top, plotTop, plotBottom);
                g.setColor(PALETTE[k % PALETTE.length]);
                g.fillRect(x + 2, y, barW - 4, plotBottom - y);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.2f));
                int yMin = yOf(b.min(), top, plotTop, plotBottom);
                int yMax = yOf(b.max(), top, plotTop, plotBottom);
                int cx = x + barW / 2;
                g.drawLine(cx, yMin, cx, yMax);
                g.drawLine(cx - 4, yMin, cx + 4, yMin);
                g.drawLine(cx - 4, yMax, cx + 4, yMax);
            }
            g.setColor(Color.BLACK);
            int cy = plotBottom + 16;
            for (String part : wrap(grp, groupW - 6, fm)) {
                g.drawString(part, left + gi * groupW + (groupW - fm.stringWidth(part)) / 2, cy);
                cy += 14;
            }
            gi++;
        }
    }

    private static List<String> wrap(String text, int width, FontMetrics fm) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + w) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(w);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines.size() > 4 ? lines.subList(0, 4) : lines;
    }

    private static int yOf(double v, double top, int plotTop, int plotBottom) {
        return plotBottom - (int) Math.round((plotBottom - plotTop) * (top == 0 ? 0 : v / top));
    }

    static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static String format(double v) {
        if (v >= 1000) {
            return String.format("%,.0f", v);
        }
        if (v >= 10) {
            return String.format("%.0f", v);
        }
        return String.format("%.2f", v);
    }
}
