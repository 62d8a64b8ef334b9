package dev.firstcome.backend.infra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firstcome.backend.infra.KafkaJson;
import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.EventChanges;
import dev.firstcome.model.EventDraft;
import dev.firstcome.model.RushRequest;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP API's JSON strictness ({@link StrictJson}) and how its errors are described ({@link JsonErrors}). */
class StrictJsonTests {

    static final JsonMapper JSON = StrictJson.mapper();

    @Test
    void wellFormedInputIsReadAsWritten() {
        EventDraft draft = JSON.readValue(
                "{\"name\":\"Launch\",\"totalQuantity\":100,\"dailyOpenTime\":\"09:00\",\"lab\":false,"
                        + "\"startsAt\":\"2030-01-01T09:00:00+09:00\",\"endsAt\":\"2030-02-01T00:00:00Z\"}",
                EventDraft.class);
        assertThat(draft.totalQuantity()).isEqualTo(100);
        assertThat(draft.dailyOpenTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(draft.startsAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        RushRequest rush = JSON.readValue("{\"users\":10,\"quantity\":5,\"repeatShare\":1}", RushRequest.class);
        assertThat(rush.repeatShare()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"a\",\"name\":\"b\"}|name|more than once",
                "{\"totalQuantity\":10.5}|totalQuantity|whole number",
                "{\"totalQuantity\":\"10\"}|totalQuantity|whole number",
                "{\"totalQuantity\":2147483648}|totalQuantity|2147483647",
                "{\"startsAt\":12345}|startsAt|ISO-8601",
                "{\"startsAt\":\"+999999999-12-31T23:59:59Z\"}|startsAt|9999-01-01T00:00:00Z",
                "{\"startsAt\":\"1970-01-01T00:00:00Z\"}|startsAt|2000-01-01T00:00:00Z",
                "{\"startsAt\":\"\"}|startsAt|ISO-8601",
                "{\"lab\":1}|lab|true or false",
                "{\"lab\":\"true\"}|lab|true or false",
                "{\"name\":5}|name|string",
                "{\"dailyOpenTime\":900}|dailyOpenTime|time of day",
                "{\"colour\":\"red\"}|colour|not a field",
                "{\"name\":\"a\"} trailing|body|not valid JSON",
                "[]|body|JSON object"
            })
    void lenientInputIsRefusedNamingTheField(String json, String field, String detail) {
        assertThatThrownBy(() -> JSON.readValue(json, EventDraft.class))
                .isInstanceOf(JacksonException.class)
                .satisfies(e -> {
                    JsonErrors.Described described = JsonErrors.describe(e);
                    assertThat(described.field()).isEqualTo(field);
                    assertThat(described.detail()).contains(detail);
                });
    }

    @Test
    void anEnumIsReadByNameOnly() {
        assertThatThrownBy(() ->
                        JSON.readValue("{\"name\":\"x\",\"role\":0}", dev.firstcome.model.OperatorTokenDraft.class))
                .isInstanceOf(JacksonException.class)
                .satisfies(e -> assertThat(JsonErrors.describe(e).field()).isEqualTo("role"));
        assertThat(JSON.readValue("{\"name\":\"x\",\"role\":\"VIEWER\"}", dev.firstcome.model.OperatorTokenDraft.class)
                        .role())
                .isEqualTo(dev.firstcome.model.OperatorRole.VIEWER);
    }

    @Test
    void patchHasNoZoneAndSaysWhichFieldsItHas() {
        assertThatThrownBy(() -> JSON.readValue("{\"zoneId\":\"UTC\"}", EventChanges.class))
                .satisfies(e -> {
                    JsonErrors.Described described = JsonErrors.describe(e);
                    assertThat(described.field()).isEqualTo("zoneId");
                    assertThat(described.detail()).contains("totalQuantity").doesNotContain("zoneId,");
                });
    }

    @Test
    void nullIsNotANumberForAPrimitive() {
        assertThatThrownBy(() -> JSON.readValue("{\"users\":null,\"quantity\":5}", RushRequest.class))
                .satisfies(e -> assertThat(JsonErrors.describe(e).field()).isEqualTo("users"));
    }

    @Test
    void kafkaRecordsKeepTheirOwnLenientMapper() {
        // older records wrote admittedAt as ISO text, newer ones as epoch milliseconds: both still read
        String millis = "{\"eventId\":1,\"userId\":\"u\",\"rank\":1,\"admissionId\":1,\"day\":[2030,1,1],"
                + "\"admittedAt\":1893456000000}";
        String text = millis.replace("1893456000000", "\"2030-01-01T00:00:00Z\"");
        assertThat(KafkaJson.mapper().readValue(millis, CouponAdmitted.class).admittedAt())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(KafkaJson.mapper().readValue(text, CouponAdmitted.class).admittedAt())
                .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void idsAreCanonicalPositiveDecimals() {
        assertThat(Ids.parseOrNegative("1")).isEqualTo(1);
        assertThat(Ids.parseOrNegative("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"", "0", "01", "+1", "-1", " 1", "1 ", "1;a=b", "9223372036854775808", "1e3"}) {
            assertThat(Ids.parseOrNegative(bad)).as(bad).isEqualTo(-1);
        }
        assertThatThrownBy(() -> Ids.parse("eventId", "0" + "\0".repeat(100)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageNotContaining("\0")
                .hasMessageContaining("...")
                .extracting("field")
                .isEqualTo("eventId");
    }
}
