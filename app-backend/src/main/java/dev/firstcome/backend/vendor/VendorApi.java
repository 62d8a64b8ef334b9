package dev.firstcome.backend.vendor;

import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.util.List;
import java.util.Optional;

/**
 * Vendors who fund coupons (ADMIN operators manage them; every change is audited). Failures: {@link
 * VendorValidationException} (names the field), {@link VendorNotFoundException}, {@link
 * VendorConflictException} (the name is taken).
 */
public interface VendorApi {

    VendorView create(VendorDraft draft);

    VendorView update(long vendorId, VendorDraft changes);

    Optional<VendorView> find(long vendorId);

    List<VendorView> list();
}
