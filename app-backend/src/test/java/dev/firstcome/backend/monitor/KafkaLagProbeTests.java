package dev.firstcome.backend.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.model.GroupLag;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;

/** What the console's per-group lag says when Kafka does not answer, without a broker. */
class KafkaLagProbeTests {

    private final FirstComeNames names = mock(FirstComeNames.class, Answers.RETURNS_MOCKS);

    private KafkaLagProbe probe(Admin admin) {
        FirstComeProperties properties = mock(FirstComeProperties.class, Answers.RETURNS_DEEP_STUBS);
        when(properties.monitor().lagCacheTtl()).thenReturn(Duration.ofMillis(500));
        when(names.admittedTopic()).thenReturn("admitted");
        return new KafkaLagProbe(admin, names, properties);
    }

    @Test
    void aBrokerThatDoesNotAnswerInTimeIsAskedOnceAndEveryGroupReportedUnknown() {
        Admin admin = mock(Admin.class);
        DescribeTopicsResult never = mock(DescribeTopicsResult.class);
        when(never.allTopicNames()).thenReturn(new KafkaFutureImpl<Map<String, TopicDescription>>());
        when(admin.describeTopics(anyCollection())).thenReturn(never);

        var groups = probe(admin).groups();

        assertThat(groups).hasSize(10).noneMatch(GroupLag::known);
        // one call waited for its timeout; the ten other groups were not asked (they would each have waited)
        verify(admin, times(1)).describeTopics(anyCollection());
    }

    @Test
    void aMissingTopicFailsFastAndTheOtherGroupsAreStillAsked() {
        Admin admin = mock(Admin.class);
        DescribeTopicsResult missing = mock(DescribeTopicsResult.class);
        var failed = new KafkaFutureImpl<Map<String, TopicDescription>>();
        failed.completeExceptionally(new UnknownTopicOrPartitionException("no such topic"));
        when(missing.allTopicNames()).thenReturn(failed);
        when(admin.describeTopics(anyCollection())).thenReturn(missing);

        var groups = probe(admin).groups();

        assertThat(groups).hasSize(10).noneMatch(GroupLag::known);
        verify(admin, times(10)).describeTopics(any(java.util.Collection.class));
    }
}
