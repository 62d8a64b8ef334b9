package dev.firstcome.backend.vendor;

import static dev.firstcome.backend.security.SliceSecurity.admin;
import static dev.firstcome.backend.security.SliceSecurity.operator;
import static dev.firstcome.backend.security.SliceSecurity.viewer;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.firstcome.backend.security.SliceSecurity;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Slice test of the vendors API: ADMIN only, dates and zones checked before the facade is asked. */
@WebMvcTest(VendorController.class)
@Import(SliceSecurity.class)
class VendorControllerTests {

    static final LocalDate FROM = LocalDate.parse("2030-01-01");
    static final LocalDate TO = LocalDate.parse("2030-01-31");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    VendorApi vendors;

    static VendorView vendor(long id, long cost) {
        return new VendorView(id, "Acme", cost, SliceSecurity.NOW, SliceSecurity.NOW);
    }

    @Test
    void createIs201WithLocationAndTheVendor() throws Exception {
        given(vendors.create(new VendorDraft("Acme", 150L))).willReturn(vendor(3, 150));

        mvc.perform(post("/api/admin/vendors")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Acme\",\"costPerRedemption\":150}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/admin/vendors/3"))
                .andExpect(jsonPath("$.id").value(3))
                .andExpect(jsonPath("$.name").value("Acme"))
                .andExpect(jsonPath("$.costPerRedemption").value(150))
                .andExpect(jsonPath("$.createdAt").value("2030-01-01T00:00:00Z"));
    }

    @Test
    void listGetUpdateAndBalanceAnswerTheirRecords() throws Exception {
        given(vendors.list()).willReturn(List.of(vendor(3, 150), vendor(4, 90)));
        given(vendors.find(3L)).willReturn(Optional.of(vendor(3, 150)));
        given(vendors.update(3L, new VendorDraft(null, 200L))).willReturn(vendor(3, 200));
        given(vendors.balance(3L)).willReturn(new VendorBalance(3, 10, 1, 1350));

        mvc.perform(get("/api/admin/vendors").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].id").value(4));
        mvc.perform(get("/api/admin/vendors/3").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Acme"));
        mvc.perform(patch("/api/admin/vendors/3")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"costPerRedemption\":200}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.costPerRedemption").value(200));
        mvc.perform(get("/api/admin/vendors/3/balance").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.vendorId").value(3))
                .andExpect(jsonPath("$.redemptions").value(10))
                .andExpect(jsonPath("$.reversals").value(1))
                .andExpect(jsonPath("$.owed").value(1350));
    }

    @Test
    void theSettlementIsPerDayInTheZoneAskedOrTheServers() throws Exception {
        given(vendors.settlement(3L, FROM, TO, ZoneId.of("Europe/Paris")))
                .willReturn(List.of(new SettlementDay(3, FROM, 4, 0, 600)));
        given(vendors.settlementCsv(3L, FROM, TO, ZoneOffset.UTC))
                .willReturn("vendorId,day,redemptions,reversals,owed\n3,2030-01-01,4,0,600\n");

        mvc.perform(get("/api/admin/vendors/3/settlement")
                        .param("from", "2030-01-01")
                        .param("to", "2030-01-31")
                        .param("zone", "Europe/Paris")
                        .with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].day").value("2030-01-01"))
                .andExpect(jsonPath("$[0].redemptions").value(4))
                .andExpect(jsonPath("$[0].owed").value(600));
        mvc.perform(get("/api/admin/vendors/3/settlement.csv")
                        .param("from", "2030-01-01")
                        .param("to", "2030-01-31")
                        .with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string(
                                "Content-Disposition",
                                "attachment; filename=\"vendor-3-settlement-2030-01-01-2030-01-31.csv\""))
                .andExpect(content().string("vendorId,day,redemptions,reversals,owed\n3,2030-01-01,4,0,600\n"));
    }

    @Test
    void aMissingOrMalformedDateOrZoneIs400ProblemNamingItAndReachesNothing() throws Exception {
        mvc.perform(get("/api/admin/vendors/3/settlement")
                        .param("to", "2030-01-31")
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get("/api/admin/vendors/3/settlement")
                        .param("from", "2030-01-01")
                        .param("to", "31/01/2030")
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("to"));
        mvc.perform(get("/api/admin/vendors/3/settlement.csv")
                        .param("from", "2030-01-01")
                        .param("to", "2030-01-31")
                        .param("zone", "Mars/Olympus")
                        .with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("zone"));
        mvc.perform(get("/api/admin/vendors/x3").with(admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("vendorId"));
        verifyNoInteractions(vendors);
    }

    @Test
    void onlyAnAdminReachesVendors() throws Exception {
        mvc.perform(get("/api/admin/vendors"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/admin/vendors").with(viewer()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/admin/vendors")
                        .with(operator())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Acme\",\"costPerRedemption\":150}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(vendors);
    }

    @Test
    void anUnknownVendorIs404AndAConflictIs409() throws Exception {
        given(vendors.find(9L)).willReturn(Optional.empty());
        given(vendors.create(new VendorDraft("Acme", 150L)))
                .willThrow(new VendorConflictException("a vendor named Acme exists"));

        mvc.perform(get("/api/admin/vendors/9").with(admin()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://firstcome.dev/problems/vendor-not-found"));
        mvc.perform(post("/api/admin/vendors")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Acme\",\"costPerRedemption\":150}"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("a vendor named Acme exists"));
    }
}
