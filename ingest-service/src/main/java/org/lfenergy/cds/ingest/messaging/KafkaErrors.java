package org.lfenergy.cds.ingest.messaging;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidRequiredAcksException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Sorts what a transactional producer throws into what the publisher does next. The whole cause chain counts (the
 * producer reports a failed send at commit time as a {@code KafkaException} whose cause is the broker's error), and a
 * permanent error anywhere in it wins over a transient one.
 */
public final class KafkaErrors {

    /** What a failed chunk needs. */
    public enum Kind {
        /** The cluster is briefly unable (restart, leader election, timeout, too few in-sync replicas): retry. */
        TRANSIENT,
        /** The producer cannot go on (fenced, epoch or sequence lost): recreate it, then retry. */
        BROKEN_PRODUCER,
        /** Retrying cannot help (authorization, record too large, serialization, unknown failure): fail the file. */
        PERMANENT
    }

    private KafkaErrors() {
    }

    public static Kind classify(Throwable error) {
        boolean broken = false;
        boolean transientCause = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (isPermanent(t)) {
                return Kind.PERMANENT;
            }
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException
                    || t instanceof UnknownProducerIdException || t instanceof OutOfOrderSequenceException
                    || t instanceof InvalidTxnStateException || t instanceof TransactionalIdNotFoundException
                    || t instanceof ApplicationRecoverableException) {
                broken = true;
            } else if (t instanceof RetriableException || t instanceof TransactionAbortableException) {
                transientCause = true;
            }
        }
        if (broken) {
            return Kind.BROKEN_PRODUCER;
        }
        return transientCause ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    private static boolean isPermanent(Throwable t) {
        return t instanceof AuthorizationException || t instanceof AuthenticationException
                || t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                || t instanceof SerializationException || t instanceof InvalidTopicException
                || t instanceof UnsupportedVersionException || t instanceof PolicyViolationException
                || t instanceof InvalidRequiredAcksException || t instanceof InterruptException
                || t instanceof InterruptedException;
    }

    /** The innermost cause with a message (the broker's error rather than the client's wrapper), else the error. */
    public static Throwable innermost(Throwable error) {
        Throwable best = error;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t;
            }
        }
        return best;
    }

    /** {@link #innermost(Throwable)} as {@code SimpleName: message}: what the file's failure reason names. */
    public static String describe(Throwable error) {
        Throwable best = innermost(error);
        return best.getClass().getSimpleName() + (best.getMessage() == null ? "" : ": " + best.getMessage());
    }
}
