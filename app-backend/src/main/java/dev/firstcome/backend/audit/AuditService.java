package dev.firstcome.backend.audit;

import dev.firstcome.model.AuditEntry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

@Service
class AuditService implements AuditApi {

    static final int MAX_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(AuditService.class);

    private final AuditRepository repository;
    private final JsonMapper json;
    private final Clock clock;

    AuditService(AuditRepository repository, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void record(String actor, String action, String target, Object before, Object after) {
        try {
            repository.insert(clock.instant(), actor, action, target, toJson(before), toJson(after));
        } catch (RuntimeException e) {
            // the action itself already happened: say loudly that its trace is missing, never undo it
            log.error("Could not record the audit entry {} {} by {}: {}", action, target, actor, e.toString());
        }
    }

    @Override
    public List<AuditEntry> recent(String actor, String action, String target, int limit) {
        return repository.recent(actor, action, target, Math.clamp(limit, 1, MAX_LIMIT));
    }

    @Override
    public String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return CONSOLE;
        }
        return auth.getName();
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        return state instanceof String text ? text : json.writeValueAsString(state);
    }
}
