package dev.firstcome.backend.order;

import dev.firstcome.model.FailedOrderView;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' reads of the checkout flow's failures (VIEWER: every GET of the admin API). */
@RestController
class OrderAdminController {

    private final OrderAdminApi orders;

    OrderAdminController(OrderAdminApi orders) {
        this.orders = orders;
    }

    /** The last {@code limit} (1..500, default 50) failed orders, the last to fail first. */
    @GetMapping("/api/admin/orders/failed")
    List<FailedOrderView> failed(@RequestParam(defaultValue = "50") int limit) {
        return orders.failed(limit);
    }

    /** Failed orders per cause (the reason's code), most frequent first. */
    @GetMapping("/api/admin/orders/failures")
    Map<String, Long> failures() {
        return orders.failureCauses();
    }
}
