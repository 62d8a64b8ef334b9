package dev.firstcome.desktop.commerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeVendorApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorDraft;
import dev.firstcome.model.VendorView;
import org.junit.jupiter.api.Test;

class VendorsViewModelTests {

    private final FakeVendorApi vendors = new FakeVendorApi();
    private final VendorsViewModel model = new VendorsViewModel(vendors, new InlineUiExecutor());

    @Test
    void aNewVendorIsCreatedListedWithItsBalanceAndThenEdited() {
        model.nameProperty().set("  Acme Coffee ");
        model.costProperty().set("700");
        assertThat(model.canSaveProperty().get()).isTrue();

        assertThat(model.save()).isTrue();

        assertThat(vendors.list()).extracting(VendorView::name).containsExactly("Acme Coffee");
        assertThat(model.rows()).hasSize(1);
        assertThat(model.rows().getFirst().balance()).isEqualTo(new VendorBalance(1, 0, 0, 0));
        assertThat(model.resultProperty().get()).isEqualTo("Created Acme Coffee (vendor 1)");
        assertThat(model.selectedProperty().get().id()).isEqualTo(1);
        assertThat(model.formTitleProperty().get()).isEqualTo("Edit Acme Coffee (vendor 1)");
        assertThat(model.nameProperty().get()).isEqualTo("Acme Coffee");

        model.costProperty().set("900");
        model.save();

        assertThat(vendors.find(1).orElseThrow().costPerRedemption()).isEqualTo(900);
        assertThat(vendors.calls).contains("update 1 " + new VendorDraft("Acme Coffee", 900L));
        assertThat(model.resultProperty().get()).isEqualTo("Saved Acme Coffee (vendor 1)");
        assertThat(model.rows().getFirst().vendor().costPerRedemption()).isEqualTo(900);
    }

    @Test
    void theFormRefusesAMissingNameOrANumberThatIsNotWholeBeforeSending() {
        assertThat(model.nameErrorProperty().get()).isEqualTo("Name is required");
        assertThat(model.costErrorProperty().get()).isEqualTo("Cost per redemption is required");
        model.nameProperty().set("Acme");
        model.costProperty().set("7.50");

        assertThat(model.canSaveProperty().get()).isFalse();
        assertThat(model.save()).isFalse();
        assertThat(model.nameErrorProperty().get()).isEmpty();
        assertThat(model.costErrorProperty().get()).startsWith("Cost per redemption must be a whole number");
        assertThat(vendors.calls).isEmpty();
    }

    @Test
    void theApisRulesComeBackUnderTheFieldTheyNameInTheApisWords() {
        model.nameProperty().set("Acme");
        model.costProperty().set("-5");

        model.save();

        assertThat(model.costErrorProperty().get())
                .isEqualTo("Cost per redemption must be between 0 and 1000000000 (minor units), got -5");
        assertThat(model.nameErrorProperty().get()).isEmpty();
        assertThat(model.rows()).isEmpty();

        model.costProperty().set("5");
        assertThat(model.costErrorProperty().get())
                .as("typing clears the API's error")
                .isEmpty();
        model.save();
        assertThat(model.rows()).hasSize(1);
    }

    @Test
    void aNameTakenIsShownUnderTheName() {
        vendors.create(new VendorDraft("Acme", 100L));
        model.refresh();
        model.nameProperty().set("Acme");
        model.costProperty().set("200");

        model.save();

        assertThat(model.nameErrorProperty().get()).isEqualTo("A vendor named 'Acme' exists already");
        assertThat(model.resultProperty().get()).isEmpty();
        assertThat(vendors.list()).hasSize(1);
    }

    @Test
    void selectingAVendorEditsItAndNewVendorClearsTheForm() {
        vendors.create(new VendorDraft("Acme", 100L));
        vendors.create(new VendorDraft("Globex", 250L));
        vendors.setBalance(new VendorBalance(2, 6, 2, 1000));
        model.refresh();

        model.select(model.rows().get(1));

        assertThat(model.nameProperty().get()).isEqualTo("Globex");
        assertThat(model.costProperty().get()).isEqualTo("250");
        assertThat(model.selectedProperty().get().balance().owed()).isEqualTo(1000);
        model.nameProperty().set("Globex Corp");
        model.refresh();
        assertThat(model.nameProperty().get())
                .as("a reload keeps what is typed")
                .isEqualTo("Globex Corp");

        model.newVendor();

        assertThat(model.selectedProperty().get()).isNull();
        assertThat(model.formTitleProperty().get()).isEqualTo("New vendor");
        assertThat(model.nameProperty().get()).isEmpty();
    }
}
