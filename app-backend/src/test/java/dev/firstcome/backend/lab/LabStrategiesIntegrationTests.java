package dev.firstcome.backend.lab;

import org.springframework.boot.test.context.SpringBootTest;

/** The lab strategies on the embedded defaults (Redis, PostgreSQL). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "firstcome.namespace=lab-strategies-test")
class LabStrategiesIntegrationTests extends AbstractLabStrategiesTests {}
