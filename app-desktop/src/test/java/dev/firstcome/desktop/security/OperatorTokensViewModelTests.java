package dev.firstcome.desktop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeOperatorTokenApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.OperatorRole;
import dev.firstcome.model.OperatorTokenDraft;
import dev.firstcome.model.OperatorTokenView;
import org.junit.jupiter.api.Test;

class OperatorTokensViewModelTests {

    private final FakeOperatorTokenApi api = new FakeOperatorTokenApi();
    private final InlineUiExecutor executor = new InlineUiExecutor();
    private final OperatorTokensViewModel model = new OperatorTokensViewModel(api, executor);

    @Test
    void theListShowsActiveTokensFirstThenTheNewest() {
        api.create(new OperatorTokenDraft("alice", OperatorRole.VIEWER));
        long ci = api.create(new OperatorTokenDraft("ci-deploy", OperatorRole.OPERATOR))
                .token()
                .id();
        api.create(new OperatorTokenDraft("bob", OperatorRole.ADMIN));
        api.revoke(ci);

        model.refresh();

        assertThat(model.tokens()).extracting(OperatorTokenView::name).containsExactly("bob", "alice", "ci-deploy");
        assertThat(model.tokens().getLast().active()).isFalse();
    }

    @Test
    void createExposesTheSecretOnceAndDismissClearsIt() {
        model.nameProperty().set("  ci-deploy ");
        model.roleProperty().set(OperatorRole.OPERATOR);
        assertThat(model.canCreateProperty().get()).isTrue();

        model.create();

        assertThat(model.issuedSecretProperty().get()).isEqualTo(api.secretOf(1));
        assertThat(model.issuedNameProperty().get()).isEqualTo("ci-deploy");
        assertThat(model.nameProperty().get()).as("the form is cleared").isEmpty();
        assertThat(model.tokens()).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("ci-deploy");
            assertThat(token.role()).isEqualTo(OperatorRole.OPERATOR);
            assertThat(token.createdBy()).isEqualTo("console");
        });
        assertThat(model.resultProperty().get()).isEqualTo("Created ci-deploy (OPERATOR, token 1)");

        model.dismissSecret();

        assertThat(model.issuedSecretProperty().get()).isEmpty();
        assertThat(model.issuedNameProperty().get()).isEmpty();
        model.refresh();
        assertThat(model.issuedSecretProperty().get()).as("never shown again").isEmpty();
    }

    @Test
    void anInvalidNameIsReportedNamingTheFieldAndKeepsTheForm() {
        model.nameProperty().set("!nope");
        model.roleProperty().set(OperatorRole.ADMIN);

        model.create();

        assertThat(executor.errors().messageProperty().get())
                .isEqualTo("Creating the token failed: Name must be 1 to 100 letters, digits, spaces and ._@+-"
                        + " (starting with a letter or digit)");
        assertThat(model.issuedSecretProperty().get()).isEmpty();
        assertThat(model.nameProperty().get()).isEqualTo("!nope");
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(api.list()).isEmpty();
    }

    @Test
    void createNeedsANameAndARole() {
        assertThat(model.canCreateProperty().get()).isFalse();
        model.nameProperty().set("alice");
        assertThat(model.canCreateProperty().get()).isTrue();
        model.roleProperty().set(null);
        assertThat(model.canCreateProperty().get()).isFalse();
    }

    @Test
    void revokeRevokesTheTokenAndShowsItRevoked() {
        api.create(new OperatorTokenDraft("alice", OperatorRole.VIEWER));
        model.refresh();

        model.revoke(model.tokens().getFirst());

        assertThat(api.list().getFirst().active()).isFalse();
        OperatorTokenView shown = model.tokens().getFirst();
        assertThat(shown.active()).isFalse();
        assertThat(shown.revokedBy()).isEqualTo("console");
        assertThat(model.resultProperty().get()).isEqualTo("Revoked alice (VIEWER, token 1)");
    }

    @Test
    void eachRoleHasAOneLineDescription() {
        model.roleProperty().set(OperatorRole.VIEWER);
        assertThat(model.roleDescriptionProperty().getValue()).startsWith("Reads only");
        for (OperatorRole role : OperatorRole.values()) {
            assertThat(OperatorTokensViewModel.describe(role)).isNotBlank().doesNotContain("\n");
        }
    }
}
