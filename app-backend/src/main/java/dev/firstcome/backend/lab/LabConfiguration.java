package dev.firstcome.backend.lab;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the lab's own settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LabProperties.class)
class LabConfiguration {}
