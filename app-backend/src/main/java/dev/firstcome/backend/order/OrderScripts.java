package dev.firstcome.backend.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The order feature's scripts, read once: the stock ({@code scripts/stock_reserve.lua},
 * {@code scripts/stock_return.lua}) and the simulated gateway's charge record ({@code scripts/payment_charge.lua}).
 */
@Component
class OrderScripts {

    @SuppressWarnings("rawtypes")
    private final RedisScript<List> reserve = RedisScript.of(text("scripts/stock_reserve.lua"), List.class);

    private final RedisScript<Long> giveBack = RedisScript.of(text("scripts/stock_return.lua"), Long.class);

    private final RedisScript<String> charge = RedisScript.of(text("scripts/payment_charge.lua"), String.class);

    @SuppressWarnings("rawtypes")
    RedisScript<List> reserve() {
        return reserve;
    }

    RedisScript<Long> giveBack() {
        return giveBack;
    }

    RedisScript<String> charge() {
        return charge;
    }

    private static String text(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
