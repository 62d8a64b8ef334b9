package dev.firstcome.desktop.events;

import dev.firstcome.backend.event.EventApi;
import dev.firstcome.backend.event.EventValidationException;
import dev.firstcome.desktop.ui.UiErrors;
import dev.firstcome.desktop.ui.UiExecutor;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.EventView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The create/edit form: the text of each field (bound to the form's controls), the errors under the
 * HTTP API's rules, and the save command. A validation error the backend still reports is shown too.
 */
public final class EventFormViewModel {

    private final EventApi events;
    private final UiExecutor executor;
    private final EventView editing;
    private final Map<EventField, StringProperty> fields = new EnumMap<>(EventField.class);
    private final ReadOnlyObjectWrapper<Map<EventField, String>> errors = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper startsAtUtc = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper endsAtUtc = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper windowHint = new ReadOnlyStringWrapper("");
    private EventField serverErrorField;
    private String serverError;

    private EventFormViewModel(EventApi events, UiExecutor executor, EventView editing) {
        this.events = events;
        this.executor = executor;
        this.editing = editing;
        for (EventField field : EventField.values()) {
            StringProperty property = new SimpleStringProperty("");
            property.addListener((Observable o) -> {
                if (field == serverErrorField) {
                    serverErrorField = null;
                    serverError = null;
                }
                validate();
            });
            fields.put(field, property);
        }
    }

    /** A form for a new event: starts now, ends in a week, whole day, the server's zone. */
    public static EventFormViewModel forNew(EventApi events, UiExecutor executor, Clock clock) {
        var model = new EventFormViewModel(events, executor, null);
        ZoneId zone = clock.getZone();
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        model.field(EventField.ZONE_ID).set(zone.getId());
        model.field(EventField.STARTS_AT).set(EventFormRules.format(start, zone));
        model.field(EventField.ENDS_AT).set(EventFormRules.format(start.plus(Duration.ofDays(7)), zone));
        model.field(EventField.TOTAL_QUANTITY).set("100");
        model.validate();
        return model;
    }

    /** A form editing an existing event (its zone cannot change). */
    public static EventFormViewModel forEdit(EventApi events, UiExecutor executor, EventView event) {
        var model = new EventFormViewModel(events, executor, event);
        ZoneId zone = ZoneId.of(event.zoneId());
        model.field(EventField.NAME).set(event.name());
        model.field(EventField.TOTAL_QUANTITY).set(Integer.toString(event.totalQuantity()));
        model.field(EventField.DAILY_QUANTITY)
                .set(event.dailyQuantity() == null ? "" : event.dailyQuantity().toString());
        model.field(EventField.DAILY_OPEN_TIME).set(EventFormRules.format(event.dailyOpenTime()));
        model.field(EventField.DAILY_CLOSE_TIME).set(EventFormRules.format(event.dailyCloseTime()));
        model.field(EventField.STARTS_AT).set(EventFormRules.format(event.startsAt(), zone));
        model.field(EventField.ENDS_AT).set(EventFormRules.format(event.endsAt(), zone));
        model.field(EventField.ZONE_ID).set(event.zoneId());
        model.validate();
        return model;
    }

    public StringProperty field(EventField field) {
        return fields.get(field);
    }

    public boolean editing() {
        return editing != null;
    }

    public String title() {
        return editing == null ? "New event" : "Edit " + editing.name();
    }

    public ReadOnlyObjectProperty<Map<EventField, String>> errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /** The error of one field, or null. */
    public String error(EventField field) {
        return errors.get().get(field);
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The first error (shown under the form), or empty. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The start in UTC beside the start in the event's zone: "= 2026-06-01 01:00 UTC". */
    public ReadOnlyStringProperty startsAtUtcProperty() {
        return startsAtUtc.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty endsAtUtcProperty() {
        return endsAtUtc.getReadOnlyProperty();
    }

    /** Says an overnight window ends the next day; empty otherwise. */
    public ReadOnlyStringProperty windowHintProperty() {
        return windowHint.getReadOnlyProperty();
    }

    /** The zone the times are in, for the labels: "Starts at (Asia/Seoul)". */
    public String zoneText() {
        return text(EventField.ZONE_ID);
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    private void validate() {
        Map<EventField, String> found = new EnumMap<>(EventField.class);
        found.putAll(EventFormRules.validate(input()));
        if (serverErrorField != null) {
            found.putIfAbsent(serverErrorField, serverError);
        }
        errors.set(Map.copyOf(found));
        startsAtUtc.set(EventFormRules.utc(text(EventField.STARTS_AT), text(EventField.ZONE_ID)));
        endsAtUtc.set(EventFormRules.utc(text(EventField.ENDS_AT), text(EventField.ZONE_ID)));
        windowHint.set(EventFormRules.windowHint(text(EventField.DAILY_OPEN_TIME), text(EventField.DAILY_CLOSE_TIME)));
        valid.set(found.isEmpty());
        message.set(
                found.isEmpty()
                        ? ""
                        : found.entrySet().stream()
                                .findFirst()
                                .map(Map.Entry::getValue)
                                .orElse(""));
    }

    private EventFormRules.Input input() {
        return new EventFormRules.Input(
                text(EventField.NAME),
                text(EventField.TOTAL_QUANTITY),
                text(EventField.DAILY_QUANTITY),
                text(EventField.DAILY_OPEN_TIME),
                text(EventField.DAILY_CLOSE_TIME),
                text(EventField.STARTS_AT),
                text(EventField.ENDS_AT),
                text(EventField.ZONE_ID));
    }

    private String text(EventField field) {
        return EventFormRules.trim(fields.get(field).get());
    }

    /**
     * Saves when valid; {@code onSaved} runs with the saved event. Returns false (and saves nothing)
     * while the form has errors.
     */
    public boolean save(Consumer<EventView> onSaved) {
        validate();
        if (!valid.get() || saving.get()) {
            return false;
        }
        saving.set(true);
        if (editing == null) {
            EventDraft draft = toDraft();
            executor.submit("Creating event " + draft.name(), () -> events.create(draft), saved(onSaved), this::failed);
        } else {
            EventChanges changes = toChanges();
            long id = editing.id();
            executor.submit("Saving event " + id, () -> events.update(id, changes), saved(onSaved), this::failed);
        }
        return true;
    }

    private Consumer<EventView> saved(Consumer<EventView> onSaved) {
        return event -> {
            saving.set(false);
            onSaved.accept(event);
        };
    }

    private void failed(Throwable failure) {
        saving.set(false);
        if (failure instanceof EventValidationException invalid && EventField.ofApiName(invalid.field()) != null) {
            serverErrorField = EventField.ofApiName(invalid.field());
            serverError = EventField.inWords(invalid.getMessage());
        } else {
            serverErrorField = EventField.NAME;
            serverError = EventField.inWords(UiErrors.describe(failure));
        }
        validate();
    }

    EventDraft toDraft() {
        ZoneId zone = ZoneId.of(text(EventField.ZONE_ID));
        return new EventDraft(
                text(EventField.NAME),
                EventFormRules.parseInt(text(EventField.TOTAL_QUANTITY)),
                optionalInt(EventField.DAILY_QUANTITY),
                EventFormRules.parseTime(text(EventField.DAILY_OPEN_TIME)),
                EventFormRules.parseTime(text(EventField.DAILY_CLOSE_TIME)),
                EventFormRules.parseInstant(text(EventField.STARTS_AT), zone),
                EventFormRules.parseInstant(text(EventField.ENDS_AT), zone),
                zone.getId(),
                false,
                null);
    }

    EventChanges toChanges() {
        ZoneId zone = ZoneId.of(editing.zoneId());
        Integer daily = optionalInt(EventField.DAILY_QUANTITY);
        var open = EventFormRules.parseTime(text(EventField.DAILY_OPEN_TIME));
        var close = EventFormRules.parseTime(text(EventField.DAILY_CLOSE_TIME));
        boolean wholeDay = open == null && close == null;
        return new EventChanges(
                text(EventField.NAME),
                EventFormRules.parseInt(text(EventField.TOTAL_QUANTITY)),
                daily,
                daily == null ? Boolean.TRUE : null,
                open,
                close,
                wholeDay ? Boolean.TRUE : null,
                EventFormRules.parseInstant(text(EventField.STARTS_AT), zone),
                EventFormRules.parseInstant(text(EventField.ENDS_AT), zone));
    }

    private Integer optionalInt(EventField field) {
        return text(field).isEmpty() ? null : EventFormRules.parseInt(text(field));
    }
}
