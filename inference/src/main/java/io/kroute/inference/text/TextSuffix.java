package io.kroute.inference.text;

/**
 * A reusable window {@code [start, end)} onto a text, so the tail-words step scans the end of a prompt without
 * copying it. Not thread-safe: each thread holds its own, and releases the text when done with it.
 */
final class TextSuffix implements CharSequence {
    private CharSequence text = "";
    private int start;
    private int end;

    TextSuffix of(CharSequence text, int start, int end) {
        if (start < 0 || start > end || end > text.length()) {
            throw new IndexOutOfBoundsException("expected 0 <= start <= end <= " + text.length() + ", found "
                    + start + " and " + end);
        }
        this.text = text;
        this.start = start;
        this.end = end;
        return this;
    }

    /** Drops the reference to the text, so a long prompt is not kept alive by an idle thread. */
    void release() {
        text = "";
        start = 0;
        end = 0;
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public char charAt(int index) {
        return text.charAt(start + index);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return text.subSequence(start + from, start + to);
    }

    @Override
    public String toString() {
        return text.subSequence(start, end).toString();
    }
}
