package dev.firstcome.backend.waitingroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/** The waiting room's Lua script, read once from {@code scripts/queue.lua} and run with EVALSHA. */
@Configuration(proxyBeanMethods = false)
class QueueScripts {

    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> queueScript() {
        try {
            return RedisScript.of(
                    new ClassPathResource("scripts/queue.lua").getContentAsString(StandardCharsets.UTF_8), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scripts/queue.lua", e);
        }
    }
}
