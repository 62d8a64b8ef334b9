package dev.firstcome.backend.infra;

import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of FirstCome's Kafka records. Dates are written as numbers ({@code admittedAt} as
 * epoch milliseconds, {@code day} as {@code [year, month, day]}): parsing an ISO-8601 text
 * was a third of the consumers' CPU in profiles. Readers accept both forms, so records written as text
 * by an earlier version are still read.
 */
public final class KafkaJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            // epoch milliseconds (a long), the precision Redis keeps for an admission: seconds with
            // nanoseconds go through BigDecimal on every write and read
            .disable(DateTimeFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DateTimeFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build();

    private KafkaJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
