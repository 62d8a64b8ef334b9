package dev.firstcome.backend.rush;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the worker JVMs' settings of lab rushes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LabWorkerProperties.class)
class LabWorkerConfiguration {}
