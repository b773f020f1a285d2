package io.kroute.inference.text;

/** The context rules of Python's {@code str.lower} that a per-code-point table cannot hold. */
final class PythonCase {
    private PythonCase() {
    }

    /**
     * Unicode's Final_Sigma condition for the Σ at {@code index}, as CPython tests it: a cased letter before
     * it and none after it, skipping case-ignorable characters on both sides.
     */
    static boolean isFinalSigma(CharSequence text, int index, int n) {
        int j = index;
        int before = -1;
        while (j > 0) {
            int cp = Character.codePointBefore(text, j);
            j -= Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                before = cp;
                break;
            }
        }
        if (before < 0 || !isCased(before)) {
            return false;
        }
        j = index + 1;
        while (j < n) {
            int cp = Character.codePointAt(text, j);
            j += Character.charCount(cp);
            if (!isCaseIgnorable(cp)) {
                return !isCased(cp);
            }
        }
        return true;
    }

    private static boolean isCased(int cp) {
        return Character.isLowerCase(cp) || Character.isUpperCase(cp) || Character.isTitleCase(cp);
    }

    /** Unicode's Case_Ignorable: marks, format characters, modifiers, and the word-internal punctuation. */
    private static boolean isCaseIgnorable(int cp) {
        switch (cp) {
            case 0x0027, 0x002E, 0x003A, 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2018, 0x2019, 0x2024, 0x2027, 0xFE13,
                    0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A:
                return true;
            default:
                int type = Character.getType(cp);
                return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                        || type == Character.FORMAT || type == Character.MODIFIER_LETTER
                        || type == Character.MODIFIER_SYMBOL;
        }
    }
}
