package dev.firstcome.backend.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The stock scripts ({@code scripts/stock_reserve.lua}, {@code scripts/stock_return.lua}), read once. */
@Component
class OrderScripts {

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> reserve = RedisScript.of(text("scripts/stock_reserve.lua"), List.class);

    private final RedisScript<Long> giveBack = RedisScript.of(text("scripts/stock_return.lua"), Long.class);

    @SuppressWarnings("rawtypes")
    RedisScript<List> reserve() {
        return reserve;
    }

    RedisScript<Long> giveBack() {
        return giveBack;
    }

    private static String text(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
