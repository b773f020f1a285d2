package io.kroute.runtime;

import java.util.List;

/**
 * The settings table of {@code docs/configuration.md}, written from the {@link Setting} declarations. The table
 * sits between two marker lines so that it can be rewritten in place ({@code ./kroute settings-table --write
 * docs/configuration.md}) and compared with the declarations by a test.
 */
public final class SettingsTable {
    public static final String BEGIN = "<!-- settings table: written by `./kroute settings-table --write "
            + "docs/configuration.md` from the declarations in Setting.java; do not edit by hand -->";
    public static final String END = "<!-- end of settings table -->";

    private SettingsTable() {
    }

    /** The Markdown table: a header and one row per setting, each line ending with a newline. */
    public static String markdown() {
        StringBuilder table = new StringBuilder();
        table.append("| property (config file) | environment variable | flag | default | meaning |\n");
        table.append("|---|---|---|---|---|\n");
        for (Setting<?> setting : Setting.values()) {
            table.append(row(setting)).append('\n');
        }
        return table.toString();
    }

    static String row(Setting<?> setting) {
        String defaultValue = setting.defaultValue().isEmpty() ? "*(none)*" : code(setting.defaultValue());
        List<String> cells = List.of(code(setting.property()), code(setting.environmentVariable()), code(setting.flag()),
                defaultValue, setting.description().replace("|", "\\|"));
        return "| " + String.join(" | ", cells) + " |";
    }

    /**
     * {@code document} with the text between its marker lines replaced by the table.
     *
     * @throws IllegalArgumentException when the document lacks the markers
     */
    public static String replaceIn(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("expected the marker lines " + BEGIN + " and " + END
                    + " (in that order), found " + (begin < 0 ? "no begin marker" : "no end marker after it"));
        }
        return document.substring(0, begin) + BEGIN + "\n" + markdown() + document.substring(end);
    }

    /** The table as written in {@code document} (between the markers); empty when there are no markers. */
    public static String readFrom(String document) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            return "";
        }
        return document.substring(Math.min(begin + BEGIN.length() + 1, end), end);
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
