package dev.firstcome.backend.admission.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the apply path, each read once from {@code scripts/*.lua} and run with EVALSHA.
 * The text is read at start (a static source): a resource-backed script would check the jar entry's
 * modification time under a lock on every call.
 */
@Configuration(proxyBeanMethods = false)
class AdmissionScripts {

    /** admit.lua: the production admission decision. Public bean name for tests and benchmarks: {@code admitScript}. */
    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> admitScript() {
        return RedisScript.of(text("scripts/admit.lua"), List.class);
    }

    /** meta.lua: recreates an event's meta hash after a rebuild, never over a later version. */
    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> metaScript() {
        return RedisScript.of(text("scripts/meta.lua"), List.class);
    }

    @Bean
    RedisScript<Long> undoScript() {
        return RedisScript.of(text("scripts/undo.lua"), Long.class);
    }

    /** republish.lua: claims an admission for republishing, so that it is republished once and never undone. */
    @Bean
    RedisScript<Long> republishScript() {
        return RedisScript.of(text("scripts/republish.lua"), Long.class);
    }

    /** limits.lua: an edit's versioned write of an event's limits and status. */
    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> limitsScript() {
        return RedisScript.of(text("scripts/limits.lua"), List.class);
    }

    private static String text(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
