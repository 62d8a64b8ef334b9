package dev.firstcome.backend.infra;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor of the application's asynchronous listeners, that is of Spring Modulith's externalisation of the
 * event publication registry (ledger entries, order steps: each published event is sent to Kafka by an
 * asynchronous listener in its own transaction, which marks the publication complete). With virtual threads on,
 * Spring Boot's default is a thread per task without limit: under a checkout burst thousands of externalisations
 * ran at once, each holding or waiting for one of the 16 pooled database connections, the requests and the
 * step consumers starved for connections (the flow stalled for half a minute at a time), and publications
 * still queued after {@code resubmitAfter} were sent a second time. Here {@code firstcome.redemption.outbox-threads}
 * (4) threads send them and the rest wait in memory (the registry keeps them: a crash loses nothing, they are
 * sent again at the next start). Submitting never blocks: the committing thread still holds its connection.
 */
@Configuration(proxyBeanMethods = false)
class OutboxExecutorConfiguration {

    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(FirstComeProperties properties) {
        var executor = new ThreadPoolTaskExecutor();
        int threads = properties.redemption().outboxThreads();
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setThreadNamePrefix("firstcome-outbox-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
