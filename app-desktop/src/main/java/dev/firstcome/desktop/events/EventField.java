package dev.firstcome.desktop.events;

/** The fields of the event form, named as the HTTP API names them in validation errors. */
public enum EventField {
    NAME("name", "Name"),
    TOTAL_QUANTITY("totalQuantity", "Total quantity"),
    DAILY_QUANTITY("dailyQuantity", "Daily quantity"),
    DAILY_OPEN_TIME("dailyOpenTime", "Daily open time"),
    DAILY_CLOSE_TIME("dailyCloseTime", "Daily close time"),
    STARTS_AT("startsAt", "Start"),
    ENDS_AT("endsAt", "End"),
    ZONE_ID("zoneId", "Time zone");

    private final String apiName;
    private final String label;

    EventField(String apiName, String label) {
        this.apiName = apiName;
        this.label = label;
    }

    /** The field in words, as the form labels it. */
    public String label() {
        return label;
    }

    /**
     * A backend message in the form's words: "totalQuantity must be ..." becomes "Total quantity must
     * be ...", every API field name replaced by its label.
     */
    public static String inWords(String message) {
        if (message == null) {
            return null;
        }
        String text = message;
        for (EventField field : values()) {
            text = text.replaceAll(
                    "\\b" + field.apiName + "\\b", java.util.regex.Matcher.quoteReplacement(field.label));
        }
        text = text.replaceAll("(?<![A-Za-z])ISO-8601 instant", "date and time");
        if (!text.isEmpty() && Character.isLowerCase(text.charAt(0))) {
            text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
        // a label inside a sentence keeps its capital only at the start
        return text;
    }

    public String apiName() {
        return apiName;
    }

    /** The form field for an API field name, or null. */
    public static EventField ofApiName(String apiName) {
        for (EventField field : values()) {
            if (field.apiName.equals(apiName)) {
                return field;
            }
        }
        return null;
    }
}
