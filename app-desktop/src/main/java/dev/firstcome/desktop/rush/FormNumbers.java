package dev.firstcome.desktop.rush;

/** Whole numbers typed into the Rush section's forms. */
final class FormNumbers {

    private FormNumbers() {}

    /** The whole number in {@code text} (surrounding blanks allowed), or null. */
    static Integer whole(String text) {
        try {
            return Integer.valueOf(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A count that may be written with thousands separators ("100,000"); 0 when it is not a number. */
    static int count(String text) {
        Integer value = whole(text == null ? null : text.replace(",", ""));
        return value == null ? 0 : value;
    }
}
