package dev.firstcome.backend.lab;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The stock row of a lab event as the {@code db-optimistic} strategy sees it: a JPA {@code @Version}. */
@Entity
@Table(name = "lab_stock")
class LabStockEntity {

    @Id
    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "issued", nullable = false)
    private int issued;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected LabStockEntity() {}

    int issued() {
        return issued;
    }

    void take() {
        issued++;
    }
}
