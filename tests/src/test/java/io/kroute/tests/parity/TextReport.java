package io.kroute.tests.parity;

import java.util.List;
import java.util.stream.Collectors;

/** Renders texts for failure messages so that invisible and look-alike characters can be told apart. */
final class TextReport {

    private static final int MAX_CODE_POINTS_LISTED = 200;

    private TextReport() {
    }

    /** The text as a Java literal (non-printable-ASCII escaped) and the code points of its non-ASCII characters. */
    static String describe(CharSequence text) {
        StringBuilder out = new StringBuilder(quoted(text));
        String nonAscii = text.codePoints()
                .filter(cp -> cp > 0x7e || cp < 0x20)
                .limit(MAX_CODE_POINTS_LISTED)
                .mapToObj(TextReport::codePoint)
                .collect(Collectors.joining(" "));
        if (!nonAscii.isEmpty()) {
            out.append(" (non-ASCII and control code points: ").append(nonAscii).append(')');
        }
        return out.toString();
    }

    static String tokens(List<String> tokens) {
        return tokens.stream().map(TextReport::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    static String quoted(CharSequence text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c <= 0x7e) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    static String codePoint(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format("U+%04X", codePoint) + (name == null ? "" : "(" + name + ")");
    }
}
