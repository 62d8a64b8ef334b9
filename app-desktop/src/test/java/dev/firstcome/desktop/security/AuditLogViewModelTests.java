package dev.firstcome.desktop.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.desktop.testing.FakeAuditApi;
import dev.firstcome.desktop.testing.InlineUiExecutor;
import dev.firstcome.model.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogViewModelTests {

    private static final Instant AT = Instant.parse("2026-06-01T08:00:05Z");

    private final FakeAuditApi audit = new FakeAuditApi();
    private final InlineUiExecutor executor = new InlineUiExecutor();
    private final AuditLogViewModel model = new AuditLogViewModel(audit, executor, ZoneId.of("Europe/Paris"));

    @Test
    void theFiltersArePassedThroughStrippedAndBlankMeansAny() {
        model.actorProperty().set(" alice ");
        model.actionProperty().set("   ");
        model.targetProperty().set("token:");

        model.refresh();

        assertThat(audit.queries())
                .containsExactly(new FakeAuditApi.Query("alice", null, "token:", AuditLogViewModel.LIMIT));
        assertThat(AuditLogViewModel.LIMIT).isEqualTo(200);
    }

    @Test
    void theEntriesAreShownNewestFirstWithTheirCount() {
        audit.add(AT, "console", "token.create", "token:1", null, "{\"name\":\"alice\"}");
        audit.add(AT.plusSeconds(1), "console", "token.revoke", "token:1", "{}", "{}");

        model.refresh();

        assertThat(model.entries()).extracting(AuditEntry::action).containsExactly("token.revoke", "token.create");
        assertThat(model.statusProperty().get()).isEqualTo("2 entries");
        assertThat(model.time(AT)).as("the machine's zone, to the second").isEqualTo("2026-06-01 10:00:05");
    }

    @Test
    void theSelectedEntryShowsBeforeAndAfterPrettyPrinted() {
        audit.add(AT, "console", "token.revoke", "token:1", "{\"name\":\"alice\",\"revokedAt\":null}", null);
        model.refresh();

        model.selectedProperty().set(model.entries().getFirst());

        assertThat(model.beforeProperty().get()).contains("\n").contains("\"name\" : \"alice\"");
        assertThat(model.afterProperty().get()).isEmpty();
        model.selectedProperty().set(null);
        assertThat(model.beforeProperty().get()).isEmpty();
    }

    @Test
    void textThatIsNotJsonIsShownAsIs() {
        assertThat(AuditLogViewModel.prettyJson("not json {")).isEqualTo("not json {");
        assertThat(AuditLogViewModel.prettyJson(null)).isEmpty();
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaks() {
        List<AuditEntry> rows = List.of(
                new AuditEntry(1, AT, "alice, ops", "token.create", "token:1", null, "{\"name\":\"a\"}"),
                new AuditEntry(2, AT, "console", "event.update", "event:42", "line one\nline two", "plain"));

        String csv = model.csv(rows);

        assertThat(csv)
                .isEqualTo("time,actor,action,target,before,after\r\n"
                        + "2026-06-01T10:00:05+02:00,\"alice, ops\",token.create,token:1,,\"{\"\"name\"\":\"\"a\"\"}\"\r\n"
                        + "2026-06-01T10:00:05+02:00,console,event.update,event:42,\"line one\nline two\",plain\r\n");
    }

    @Test
    void exportWritesTheVisibleRows(@TempDir Path dir) throws Exception {
        audit.add(AT, "console", "token.create", "token:1", null, "{}");
        audit.add(AT, "alice", "event.update", "event:42", "{}", "{}");
        model.actorProperty().set("alice");
        model.refresh();
        Path file = dir.resolve("audit.csv");

        model.exportCsv(file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .isEqualTo("time,actor,action,target,before,after\r\n"
                        + "2026-06-01T10:00:05+02:00,alice,event.update,event:42,{},{}\r\n");
        assertThat(model.statusProperty().get()).isEqualTo("Exported 1 entry to " + file);
    }
}
