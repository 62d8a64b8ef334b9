package dev.firstcome.backend.vendor;

import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for vendors (ADMIN, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/vendors")
class VendorController {

    private final VendorApi vendors;

    VendorController(VendorApi vendors) {
        this.vendors = vendors;
    }

    @PostMapping
    ResponseEntity<VendorView> create(@RequestBody(required = false) VendorDraft draft) {
        VendorView created = vendors.create(draft);
        return ResponseEntity.created(URI.create("/api/admin/vendors/" + created.id()))
                .body(created);
    }

    @GetMapping
    List<VendorView> list() {
        return vendors.list();
    }

    @GetMapping("/{vendorId}")
    VendorView get(@PathVariable long vendorId) {
        return vendors.find(vendorId).orElseThrow(() -> new VendorNotFoundException(vendorId));
    }

    @PatchMapping("/{vendorId}")
    VendorView update(@PathVariable long vendorId, @RequestBody(required = false) VendorDraft changes) {
        return vendors.update(vendorId, changes);
    }
}
