package io.jrunc.cli;

import java.util.List;

/**
 * Go's text/tabwriter as runc's list uses it (minwidth 12, padding 3, spaces): each column is as wide as
 * its widest cell plus the padding, at least minwidth; the last cell of a line is not padded.
 */
final class TabWriter {
    private TabWriter() {
    }

    static String format(List<List<String>> rows, int minWidth, int padding) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size() - 1; c++) {
                widths[c] = Math.max(widths[c], Math.max(minWidth, row.get(c).length() + padding));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                out.append(cell);
                if (c < row.size() - 1) {
                    out.append(" ".repeat(widths[c] - cell.length()));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
