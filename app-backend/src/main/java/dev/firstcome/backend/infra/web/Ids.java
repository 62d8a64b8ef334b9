package dev.firstcome.backend.infra.web;

/**
 * Ids in paths and query strings ({@code /api/events/{eventId}}, {@code ?eventId=}): canonical positive
 * decimal only ({@code [1-9][0-9]*}, at most {@link Long#MAX_VALUE}); {@code +1}, {@code 01}, {@code 1;a=b},
 * {@code 0} and {@code -1} are refused with a 400 naming the field.
 */
public final class Ids {

    private static final int ECHO = 32;

    private Ids() {}

    /** The id, or -1 when the text is not a canonical positive decimal that fits in a long. */
    public static long parseOrNegative(String text) {
        int length = text == null ? 0 : text.length();
        if (length == 0 || length > 19 || text.charAt(0) < '1' || text.charAt(0) > '9') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The id; a 400 naming {@code field} otherwise. */
    public static long parse(String field, String text) {
        long id = parseOrNegative(text);
        if (id < 0) {
            throw new InvalidRequestException(field, rule(field, text));
        }
        return id;
    }

    static String rule(String field, Object given) {
        return field + " must be a positive whole number in plain decimal digits (1 to " + Long.MAX_VALUE
                + ", no sign, no leading zero), got '" + echo(given) + "'";
    }

    /** The start of a rejected value, printable characters only, for an error detail. */
    public static String echo(Object given) {
        String text = String.valueOf(given);
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(ECHO).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE) {
                out.append('?');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return text.codePointCount(0, text.length()) > ECHO ? out + "..." : out.toString();
    }
}
