package dev.firstcome.desktop.events;

/** The fields of the event form, named as the HTTP API names them in validation errors. */
public enum EventField {
    NAME("name"),
    TOTAL_QUANTITY("totalQuantity"),
    DAILY_QUANTITY("dailyQuantity"),
    DAILY_OPEN_TIME("dailyOpenTime"),
    DAILY_CLOSE_TIME("dailyCloseTime"),
    STARTS_AT("startsAt"),
    ENDS_AT("endsAt"),
    ZONE_ID("zoneId");

    private final String apiName;

    EventField(String apiName) {
        this.apiName = apiName;
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
