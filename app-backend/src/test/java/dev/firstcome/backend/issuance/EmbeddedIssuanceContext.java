package dev.firstcome.backend.issuance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** One Spring context (embedded servers, own namespace) shared by the issuance test classes. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "firstcome.namespace=issuance-it",
            "firstcome.issuance.scheduled-reissue=false",
            "firstcome.issuance.retry-attempts=2",
            "firstcome.issuance.retry-backoff=50ms",
            "firstcome.notifications.sweep-interval=1h"
        })
@interface EmbeddedIssuanceContext {}
