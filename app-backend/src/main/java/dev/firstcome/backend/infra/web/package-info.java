/**
 * The HTTP conventions every feature shares: problem bodies, bad-input exceptions, strict JSON, id
 * parsing. Exposed to every module as the named interface {@code web}.
 */
@NamedInterface("web")
package dev.firstcome.backend.infra.web;

import org.springframework.modulith.NamedInterface;
