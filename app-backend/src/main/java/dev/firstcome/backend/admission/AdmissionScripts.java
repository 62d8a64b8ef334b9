package dev.firstcome.backend.admission;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts of the apply path, each loaded once from {@code scripts/*.lua} and run with EVALSHA. */
@Configuration(proxyBeanMethods = false)
class AdmissionScripts {

    /** admit.lua: the production admission decision. Public bean name for tests and benchmarks: {@code admitScript}. */
    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> admitScript() {
        return RedisScript.of(new ClassPathResource("scripts/admit.lua"), List.class);
    }

    @Bean
    RedisScript<Long> undoScript() {
        return RedisScript.of(new ClassPathResource("scripts/undo.lua"), Long.class);
    }

    @Bean
    @SuppressWarnings("rawtypes")
    RedisScript<List> limitsScript() {
        return RedisScript.of(new ClassPathResource("scripts/limits.lua"), List.class);
    }
}
