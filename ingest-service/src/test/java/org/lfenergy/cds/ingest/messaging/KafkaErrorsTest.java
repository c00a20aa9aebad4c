package org.lfenergy.cds.ingest.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ConcurrentTransactionsException;
import org.apache.kafka.common.errors.CoordinatorLoadInProgressException;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotCoordinatorException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lfenergy.cds.ingest.messaging.KafkaErrors.Kind;

class KafkaErrorsTest {

    /** How the producer reports a failed send when the chunk is committed. */
    private static KafkaException atCommit(Throwable cause) {
        return new KafkaException("Cannot execute transactional method because we are in an error state", cause);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // transient: the cluster is briefly unable
                Arguments.of(new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)"), Kind.TRANSIENT),
                Arguments.of(atCommit(new TimeoutException("Expiring 12 record(s) for gridx.customers.v1-0")), Kind.TRANSIENT),
                Arguments.of(atCommit(new NotEnoughReplicasException("Number of insync replicas 1 is below 2")), Kind.TRANSIENT),
                Arguments.of(atCommit(new NotEnoughReplicasAfterAppendException("acks=all after append")), Kind.TRANSIENT),
                Arguments.of(atCommit(new NotLeaderOrFollowerException("leader moved")), Kind.TRANSIENT),
                Arguments.of(atCommit(new NetworkException("connection reset")), Kind.TRANSIENT),
                Arguments.of(new CoordinatorNotAvailableException("coordinator restarting"), Kind.TRANSIENT),
                Arguments.of(new CoordinatorLoadInProgressException("loading"), Kind.TRANSIENT),
                Arguments.of(new NotCoordinatorException("moved"), Kind.TRANSIENT),
                Arguments.of(new ConcurrentTransactionsException("previous transaction ending"), Kind.TRANSIENT),
                Arguments.of(atCommit(new UnknownTopicOrPartitionException("metadata not yet known")), Kind.TRANSIENT),
                Arguments.of(new TransactionAbortableException("abort and retry"), Kind.TRANSIENT),
                Arguments.of(new KafkaException("wrapped twice", atCommit(new NotEnoughReplicasException("x"))), Kind.TRANSIENT),
                // the producer cannot go on: recreate it
                Arguments.of(new ProducerFencedException("epoch bumped by another producer"), Kind.BROKEN_PRODUCER),
                Arguments.of(new InvalidProducerEpochException("transaction timed out"), Kind.BROKEN_PRODUCER),
                Arguments.of(atCommit(new UnknownProducerIdException("producer state expired")), Kind.BROKEN_PRODUCER),
                Arguments.of(atCommit(new OutOfOrderSequenceException("sequence gap")), Kind.BROKEN_PRODUCER),
                Arguments.of(new InvalidTxnStateException("bad transition"), Kind.BROKEN_PRODUCER),
                Arguments.of(new KafkaException("fenced while sending", new ProducerFencedException("x")), Kind.BROKEN_PRODUCER),
                // permanent: retrying cannot help
                Arguments.of(atCommit(new TopicAuthorizationException(Set.of("gridx.customers.v1"))), Kind.PERMANENT),
                Arguments.of(new TransactionalIdAuthorizationException("not allowed: ingest-x-rows"), Kind.PERMANENT),
                Arguments.of(new SaslAuthenticationException("bad password"), Kind.PERMANENT),
                Arguments.of(atCommit(new RecordTooLargeException("1048677 bytes")), Kind.PERMANENT),
                Arguments.of(atCommit(new RecordBatchTooLargeException("batch")), Kind.PERMANENT),
                Arguments.of(new SerializationException("cannot serialize"), Kind.PERMANENT),
                Arguments.of(atCommit(new InvalidTopicException("bad name")), Kind.PERMANENT),
                Arguments.of(new UnsupportedVersionException("broker too old"), Kind.PERMANENT),
                Arguments.of(new InterruptException(new InterruptedException()), Kind.PERMANENT),
                Arguments.of(new KafkaException("The producer closed forcefully"), Kind.PERMANENT),
                Arguments.of(new IllegalStateException("no open transaction to commit"), Kind.PERMANENT),
                Arguments.of(new NullPointerException(), Kind.PERMANENT),
                // a permanent cause wins over a transient wrapper, and over a fenced one
                Arguments.of(new TimeoutException("t", new RecordTooLargeException("big")), Kind.PERMANENT),
                Arguments.of(new ProducerFencedException("f") {
                    {
                        initCause(new TopicAuthorizationException("denied"));
                    }
                }, Kind.PERMANENT));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void sortsEveryProducerErrorIntoWhatThePublisherDoesNext(Throwable error, Kind expected) {
        assertThat(KafkaErrors.classify(error)).as("%s", error).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("errors")
    void describesTheInnermostCauseThatHasAMessage(Throwable error, Kind ignored) {
        Throwable innermost = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                innermost = t;
            }
        }
        assertThat(KafkaErrors.describe(error)).startsWith(innermost.getClass().getSimpleName());
        if (innermost.getMessage() != null) {
            assertThat(KafkaErrors.describe(error)).endsWith(": " + innermost.getMessage());
        }
    }

    @org.junit.jupiter.api.Test
    void namesTheBrokerErrorNotTheWrapper() {
        assertThat(KafkaErrors.describe(atCommit(new NotEnoughReplicasException("Number of insync replicas 1 is below 2"))))
                .isEqualTo("NotEnoughReplicasException: Number of insync replicas 1 is below 2");
    }

    @org.junit.jupiter.api.Test
    void survivesACauseCycle() {
        KafkaException a = new KafkaException("a");
        KafkaException b = new KafkaException("b", a);
        a.initCause(b);
        assertThat(KafkaErrors.classify(a)).isEqualTo(Kind.PERMANENT);
        assertThat(KafkaErrors.describe(a)).isEqualTo("KafkaException: b");
    }
}
