package dev.firstcome.backend.admission.decide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firstcome.backend.admission.decide.AdmissionBatcher.Apply;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Group commit of admissions, with a script run the test completes by hand. */
class AdmissionBatcherTests {

    static final LocalDate DAY = LocalDate.of(2031, 3, 1);

    /** Every run the batcher asked for, in order, with the future the test completes. */
    final List<Run> runs = new ArrayList<>();

    record Run(long eventId, LocalDate day, List<String> users, CompletableFuture<List<Object>> answer) {}

    AdmissionBatcher batcher(int maxBatch) {
        return new AdmissionBatcher(maxBatch, (eventId, day, batch) -> {
            var run = new Run(eventId, day, batch.stream().map(Apply::userId).toList(), new CompletableFuture<>());
            runs.add(run);
            return run.answer();
        });
    }

    /** a goes out alone and is answered ISSUED; b and c, queued behind it, form the second run. */
    List<CompletableFuture<List<Object>>> twoQueuedBehindOne(AdmissionBatcher batcher, List<Object> firstAnswer) {
        batcher.submit(7, DAY, "a", 1000);
        var queued = List.of(batcher.submit(7, DAY, "b", 1001), batcher.submit(7, DAY, "c", 1002));
        runs.get(0).answer().complete(firstAnswer);
        assertThat(runs.get(1).users()).containsExactly("b", "c");
        return queued;
    }

    static List<Object> issued(long... rankAndId) {
        List<Object> answer = new ArrayList<>();
        for (int i = 0; i < rankAndId.length; i += 2) {
            answer.addAll(List.of("ISSUED", rankAndId[i], rankAndId[i + 1]));
        }
        return answer;
    }

    @Test
    void aLoneApplyIsSentAtOnceInTheSingleForm() {
        AdmissionBatcher batcher = batcher(128);

        var answer = batcher.submit(7, DAY, "alone", 1000);

        assertThat(runs)
                .singleElement()
                .satisfies(run -> assertThat(run.users()).containsExactly("alone"));
        runs.getFirst().answer().complete(List.of("ISSUED", 1L, 1L));
        assertThat(answer).isCompletedWithValue(List.of("ISSUED", 1L, 1L));
        assertThat(batcher.lanes()).isZero();
    }

    @Test
    void appliesArrivingDuringARunAreDecidedTogetherInArrivalOrderByTheNextRun() {
        AdmissionBatcher batcher = batcher(128);
        var first = batcher.submit(7, DAY, "a", 1000);
        var second = batcher.submit(7, DAY, "b", 1001);
        var third = batcher.submit(7, DAY, "c", 1002);

        assertThat(runs).hasSize(1);
        assertThat(second).isNotDone();

        runs.get(0).answer().complete(List.of("ISSUED", 1L, 1L));

        assertThat(first).isCompletedWithValue(List.of("ISSUED", 1L, 1L));
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).users()).containsExactly("b", "c");
        runs.get(1).answer().complete(List.of("ISSUED", 2L, 2L, "SOLD_OUT", 0L, 0L));
        assertThat(second).isCompletedWithValue(List.of("ISSUED", 2L, 2L));
        assertThat(third).isCompletedWithValue(List.of("SOLD_OUT", 0L, 0L));
        assertThat(batcher.lanes()).isZero();
    }

    @Test
    void aBatchNeverHoldsMoreThanMaxBatchApplies() {
        AdmissionBatcher batcher = batcher(3);
        List<CompletableFuture<List<Object>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(batcher.submit(7, DAY, "u" + i, 1000 + i));
        }

        runs.get(0).answer().complete(issued(1, 1));
        runs.get(1).answer().complete(issued(2, 2, 3, 3, 4, 4));
        runs.get(2).answer().complete(issued(5, 5, 6, 6, 7, 7));
        runs.get(3).answer().complete(issued(8, 8));

        assertThat(runs)
                .extracting(Run::users)
                .containsExactly(List.of("u0"), List.of("u1", "u2", "u3"), List.of("u4", "u5", "u6"), List.of("u7"));
        for (int i = 0; i < 8; i++) {
            assertThat(answers.get(i)).isCompletedWithValue(List.of("ISSUED", (long) i + 1, (long) i + 1));
        }
    }

    @Test
    void eventsAndDaysHaveLanesOfTheirOwn() {
        AdmissionBatcher batcher = batcher(128);
        batcher.submit(7, DAY, "a", 1000);
        batcher.submit(8, DAY, "b", 1000);
        batcher.submit(7, DAY.plusDays(1), "c", 1000);

        assertThat(runs).extracting(Run::eventId).containsExactly(7L, 8L, 7L);
        assertThat(runs).extracting(Run::day).containsExactly(DAY, DAY, DAY.plusDays(1));
        assertThat(batcher.lanes()).isEqualTo(3);
    }

    @Test
    void aFailedRunFailsItsBatchAndEveryApplyWaitingBehindItThenANewLaneStarts() {
        AdmissionBatcher batcher = batcher(2);
        var queued = twoQueuedBehindOne(batcher, issued(1, 1));
        var waiting = List.of(batcher.submit(7, DAY, "d", 1003), batcher.submit(7, DAY, "e", 1004));

        var down = new IllegalStateException("Redis is down");
        runs.get(1).answer().completeExceptionally(down);

        assertThat(queued)
                .allSatisfy(answer -> assertThat(answer.exceptionNow()).isSameAs(down));
        // never sent to Redis: they fail at once instead of waiting for the same failure batch by batch
        assertThat(waiting)
                .allSatisfy(answer -> assertThat(answer.exceptionNow()).isSameAs(down));
        assertThat(runs).hasSize(2);
        assertThat(batcher.lanes()).isZero();

        var later = batcher.submit(7, DAY, "f", 1005);
        assertThat(runs).hasSize(3);
        runs.get(2).answer().complete(List.of("ISSUED", 2L, 2L));
        assertThat(later).isCompletedWithValue(List.of("ISSUED", 2L, 2L));
    }

    @Test
    void aSingleAnswerToABatchConcernsEveryApply() {
        var queued = twoQueuedBehindOne(batcher(128), List.of("NO_STATE"));

        runs.get(1).answer().complete(List.of("NO_STATE"));

        assertThat(queued).allSatisfy(answer -> assertThat(answer).isCompletedWithValue(List.of("NO_STATE")));
    }

    @Test
    void anAnswerOfTheWrongLengthFailsTheBatchInsteadOfMisattributingOutcomes() {
        var queued = twoQueuedBehindOne(batcher(128), issued(1, 1));

        runs.get(1).answer().complete(issued(2, 2));

        assertThat(queued).allSatisfy(answer -> assertThat(answer).isCompletedExceptionally());
    }

    @Test
    void aScriptRunThatThrowsFailsItsBatch() {
        AdmissionBatcher batcher = new AdmissionBatcher(128, (eventId, day, batch) -> {
            throw new IllegalStateException("no connection");
        });

        var answer = batcher.submit(7, DAY, "a", 1000);

        assertThat(answer).isCompletedExceptionally();
        assertThat(batcher.lanes()).isZero();
    }
}
