package dev.firstcome.backend.admission.decide;

import dev.firstcome.backend.admission.AdmissionStrategy;
import dev.firstcome.backend.admission.AdmissionUnavailableException;
import dev.firstcome.model.EventView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The admission strategies by name, built once from the {@link AdmissionStrategy} beans. An ordinary
 * event is decided by the production strategy after one boolean check; only lab events are looked up
 * by name.
 */
@Component
class StrategyRegistry {

    private final Map<String, AdmissionStrategy> byName = new HashMap<>();
    private final AdmissionStrategy production;

    StrategyRegistry(List<AdmissionStrategy> strategies) {
        strategies.forEach(s -> byName.put(s.name(), s));
        this.production = byName.get(AdmissionStrategy.LUA);
        if (production == null) {
            throw new IllegalStateException("no '" + AdmissionStrategy.LUA + "' admission strategy bean");
        }
    }

    /** The production strategy. */
    AdmissionStrategy production() {
        return production;
    }

    /** The strategy that decides the event's applies; a lab event may name one that is not deployed here. */
    AdmissionStrategy of(EventView event) {
        if (!event.lab() || event.strategy() == null) {
            return production;
        }
        AdmissionStrategy strategy = byName.get(event.strategy());
        if (strategy == null) {
            throw new AdmissionUnavailableException("Lab strategy '" + event.strategy() + "' is not available here");
        }
        return strategy;
    }
}
