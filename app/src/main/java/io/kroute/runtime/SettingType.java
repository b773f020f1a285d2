package io.kroute.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the text of one setting may be and the value it becomes: the parsing, the words an error uses for what
 * was expected, the label the command line shows, and the way back to text (for defaults the topology owns).
 *
 * @param <T> the parsed value
 */
public final class SettingType<T> {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final String DURATION_FORMS = "500ms, 30s, 10m, 2h, 1d or PT1H";

    private final String label;
    private final String expected;
    private final Function<String, T> parser;
    private final Function<? super T, String> formatter;

    /**
     * @param parser the value of a text, or null (or an exception) when the text is refused
     */
    private SettingType(String label, String expected, Function<String, T> parser,
            Function<? super T, String> formatter) {
        this.label = label;
        this.expected = expected;
        this.parser = parser;
        this.formatter = formatter;
    }

    /** The command line's placeholder for the value, e.g. {@code PORT}. */
    public String label() {
        return label;
    }

    /** What a valid text is, in words that follow "expected", e.g. "a whole number from 0 to 65535". */
    public String expected() {
        return expected;
    }

    /** The value of {@code text}, or empty when this type refuses it. */
    public Optional<T> read(String text) {
        try {
            return Optional.ofNullable(parser.apply(text));
        } catch (RuntimeException refused) {
            return Optional.empty();
        }
    }

    /**
     * The value of {@code text}.
     *
     * @param what names the text in the error, e.g. {@code kroute.http.port (flag --http-port)}
     * @throws RuntimeConfig.ConfigException saying what was expected and what was found
     */
    public T parse(String text, String what) {
        return read(text).orElseThrow(() -> new RuntimeConfig.ConfigException(
                what + ": expected " + expected + ", found '" + text + "'"));
    }

    /** The text that parses back to {@code value}. */
    public String format(T value) {
        return formatter.apply(value);
    }

    /** The same type shown on the command line as {@code newLabel}. */
    public SettingType<T> label(String newLabel) {
        return new SettingType<>(newLabel, expected, parser, formatter);
    }

    /** This type narrowed to the values {@code accepted} takes, described as {@code newExpected}. */
    public SettingType<T> where(Predicate<? super T> accepted, String newExpected) {
        return new SettingType<>(label, newExpected, text -> {
            T value = parser.apply(text);
            return value != null && accepted.test(value) ? value : null;
        }, formatter);
    }

    public static SettingType<String> text(String label) {
        return new SettingType<>(label, "a non-blank value", text -> text.isBlank() ? null : text, String::valueOf);
    }

    /** Empty text is no value. */
    public static SettingType<Optional<String>> optionalText(String label) {
        return new SettingType<>(label, "a value or nothing", text -> Optional.of(text).filter(t -> !t.isBlank()),
                value -> value.orElse(""));
    }

    public static SettingType<Path> folder() {
        return new SettingType<>("DIR", "a folder name", text -> text.isBlank() ? null : Path.of(text), Path::toString);
    }

    public static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>("N", "a whole number from " + min + " to " + max, text -> {
            int value = Integer.parseInt(text);
            return value >= min && value <= max ? value : null;
        }, String::valueOf);
    }

    public static SettingType<Integer> port() {
        return integer(0, 65_535).label("PORT");
    }

    public static SettingType<Long> wholeNumber() {
        return new SettingType<>("N", "a whole number", Long::parseLong, String::valueOf);
    }

    public static SettingType<Double> number() {
        return new SettingType<>("N", "a finite number", text -> {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        }, SettingType::formatNumber);
    }

    public static SettingType<Boolean> bool() {
        return new SettingType<>("true|false", "true or false", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        }, String::valueOf);
    }

    /** Zero or positive: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT1H}). */
    public static SettingType<Duration> duration() {
        return new SettingType<>("DURATION", "a duration such as " + DURATION_FORMS, SettingType::parseDuration,
                SettingType::formatDuration);
    }

    public static SettingType<Duration> positiveDuration() {
        return duration().where(value -> !value.isZero(), "a positive duration such as " + DURATION_FORMS);
    }

    /** One of {@code names}, exactly as written. */
    public static SettingType<String> oneOf(List<String> names) {
        return new SettingType<>("NAME", "one of " + String.join(", ", names), text -> names.contains(text) ? text : null,
                String::valueOf);
    }

    /** A constant of {@code type}, written in lower case. */
    public static <E extends Enum<E>> SettingType<E> constant(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(SettingType::lowerCase).toList();
        return new SettingType<>(String.join("|", names), String.join(" or ", names),
                text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)), SettingType::lowerCase);
    }

    /** Comma-separated names; spaces around them and empty ones are dropped. */
    public static SettingType<List<String>> names(String label) {
        return new SettingType<>(label, "comma-separated names", text -> {
            List<String> names = Arrays.stream(text.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
            return names.isEmpty() ? null : names;
        }, names -> String.join(",", names));
    }

    /** A whole number >= 0, or {@code none}. */
    public static SettingType<OptionalLong> wholeNumberOrNone(String label) {
        return new SettingType<>(label + "|none", "a whole number >= 0 or none", text -> {
            if (text.equalsIgnoreCase("none")) {
                return OptionalLong.empty();
            }
            long value = Long.parseLong(text);
            return value >= 0 ? OptionalLong.of(value) : null;
        }, value -> value.isPresent() ? Long.toString(value.getAsLong()) : "none");
    }

    /** A finite number > 0, or {@code none}. */
    public static SettingType<OptionalDouble> positiveNumberOrNone(String label) {
        return new SettingType<>(label + "|none", "a number > 0 or none", text -> {
            if (text.equalsIgnoreCase("none")) {
                return OptionalDouble.empty();
            }
            double value = Double.parseDouble(text);
            return value > 0 && Double.isFinite(value) ? OptionalDouble.of(value) : null;
        }, value -> value.isPresent() ? formatNumber(value.getAsDouble()) : "none");
    }

    /** A number in [0, 1], or {@code none}. */
    public static SettingType<OptionalDouble> fractionOrNone() {
        return new SettingType<>("R|none", "a number in [0, 1] or none", text -> {
            if (text.equalsIgnoreCase("none")) {
                return OptionalDouble.empty();
            }
            double value = Double.parseDouble(text);
            return value >= 0 && value <= 1 ? OptionalDouble.of(value) : null;
        }, value -> value.isPresent() ? formatNumber(value.getAsDouble()) : "none");
    }

    private static Duration parseDuration(String text) {
        Matcher matcher = SHORT_DURATION.matcher(text);
        if (!matcher.matches()) {
            Duration iso = Duration.parse(text);
            return iso.isNegative() ? null : iso;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The largest unit that writes {@code value} as a whole number: {@code 1d}, {@code 10m}, {@code 200ms}. */
    static String formatDuration(Duration value) {
        long millis = value.toMillis();
        if (!value.equals(Duration.ofMillis(millis))) {
            return value.toString();
        }
        record Unit(String suffix, long millis) { }
        for (Unit unit : List.of(new Unit("d", 86_400_000), new Unit("h", 3_600_000), new Unit("m", 60_000),
                new Unit("s", 1_000))) {
            if (millis != 0 && millis % unit.millis() == 0) {
                return millis / unit.millis() + unit.suffix();
            }
        }
        return millis == 0 ? "0s" : millis + "ms";
    }

    /** Whole numbers without a fraction ({@code 5}, {@code 2000}), others as Java writes them ({@code 0.01}). */
    static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label + " (" + expected + ")";
    }
}
