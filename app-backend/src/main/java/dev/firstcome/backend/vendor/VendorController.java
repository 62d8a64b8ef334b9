package dev.firstcome.backend.vendor;

import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator API for vendors (ADMIN, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/admin/vendors")
class VendorController {

    private final VendorApi vendors;

    private final Clock clock;

    VendorController(VendorApi vendors, Clock clock) {
        this.vendors = vendors;
        this.clock = clock;
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

    @GetMapping("/{vendorId}/balance")
    VendorBalance balance(@PathVariable long vendorId) {
        return vendors.balance(vendorId);
    }

    /** The settlement per day; {@code zone} defaults to the server's; {@code Accept: text/csv} for CSV. */
    @GetMapping(path = "/{vendorId}/settlement", produces = MediaType.APPLICATION_JSON_VALUE)
    List<SettlementDay> settlement(
            @PathVariable long vendorId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String zone) {
        return vendors.settlement(vendorId, date("from", from), date("to", to), zone(zone));
    }

    /** The same report as CSV ({@code vendorId,day,redemptions,reversals,owed}). */
    @GetMapping(path = "/{vendorId}/settlement.csv", produces = "text/csv")
    ResponseEntity<String> settlementCsv(
            @PathVariable long vendorId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String zone) {
        String csv = vendors.settlementCsv(vendorId, date("from", from), date("to", to), zone(zone));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"vendor-" + vendorId + "-settlement-" + from + "-" + to + ".csv\"")
                .body(csv);
    }

    private static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new VendorValidationException(field, field + " is required (a date such as 2030-01-31)");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new VendorValidationException(field, field + " must be a date such as 2030-01-31");
        }
    }

    private ZoneId zone(String zone) {
        if (zone == null) {
            return clock.getZone();
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new VendorValidationException("zone", "zone must be an IANA time zone such as Europe/Paris");
        }
    }

    @PatchMapping("/{vendorId}")
    VendorView update(@PathVariable long vendorId, @RequestBody(required = false) VendorDraft changes) {
        return vendors.update(vendorId, changes);
    }
}
