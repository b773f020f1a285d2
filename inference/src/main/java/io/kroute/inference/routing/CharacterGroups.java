package io.kroute.inference.routing;

/**
 * The features the token estimate is a linear function of: how many code points of a text fall in each of 16
 * character groups, how many runs of ASCII digits it has, and a constant. The groups and their order are those
 * of {@code trainer/tokens/fit_token_rates.py}, which fits the rates; change both together.
 */
final class CharacterGroups {

    static final int ASCII_DIGIT = 1;
    static final int OTHER = 15;
    static final int DIGIT_RUNS = 16;
    static final int CONSTANT = 17;
    static final int FEATURES = 18;

    static final String[] NAMES = {"ascii_letter", "ascii_digit", "ascii_space", "ascii_symbol", "latin_extended",
        "cyrillic", "greek", "hebrew", "arabic", "indic", "thai", "hangul", "kana", "cjk", "cjk_symbol", "other",
        "digit_runs", "constant"};

    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII[c] = 3;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            ASCII[c] = 0;
            ASCII[c - 'a' + 'A'] = 0;
        }
        for (int c = '0'; c <= '9'; c++) {
            ASCII[c] = ASCII_DIGIT;
        }
        ASCII[' '] = 2;
        ASCII['\t'] = 2;
        ASCII['\n'] = 2;
        ASCII['\r'] = 2;
    }

    private CharacterGroups() {
    }

    /** The dot product of {@code text}'s features with {@code rates} (one per feature), in one pass. */
    static double weigh(CharSequence text, double[] rates) {
        double total = rates[CONSTANT];
        int previous = -1;
        int length = text.length();
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            int group = cp < 128 ? ASCII[cp] : group(cp);
            total += rates[group];
            if (group == ASCII_DIGIT && previous != ASCII_DIGIT) {
                total += rates[DIGIT_RUNS];
            }
            previous = group;
        }
        return total;
    }

    /** The group of a non-ASCII code point. */
    static int group(int cp) {
        if (cp <= 0x24F) {
            return cp >= 0xC0 ? 4 : OTHER;
        }
        if (cp <= 0x3FF) {
            return cp >= 0x370 ? 6 : OTHER;
        }
        if (cp <= 0x4FF) {
            return 5;
        }
        if (cp <= 0x6FF) {
            return cp < 0x590 ? OTHER : cp <= 0x5FF ? 7 : 8;
        }
        if (cp <= 0xE7F) {
            return cp < 0x900 ? OTHER : cp <= 0xDFF ? 9 : 10;
        }
        if (cp >= 0x1100 && cp <= 0x11FF) {
            return 11;
        }
        if (cp >= 0x1E00 && cp <= 0x1EFF) {
            return 4;
        }
        return eastAsian(cp);
    }

    private static int eastAsian(int cp) {
        if (cp >= 0x3000 && cp <= 0x303F || cp >= 0xFF00 && cp <= 0xFFEF) {
            return 14;
        }
        if (cp >= 0x3040 && cp <= 0x30FF) {
            return 12;
        }
        if (cp >= 0x3130 && cp <= 0x318F || cp >= 0xAC00 && cp <= 0xD7AF) {
            return 11;
        }
        if (cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x4E00 && cp <= 0x9FFF) {
            return 13;
        }
        return OTHER;
    }
}
