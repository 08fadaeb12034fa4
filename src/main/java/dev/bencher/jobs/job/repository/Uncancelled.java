package dev.bencher.jobs.job.repository;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs a query's session to its end even when the request is cancelled (a client that disconnects,
 * a wrk run that ends): cancelling a Hibernate Reactive session's work closes the session under the
 * query still running on its connection, which Hibernate reports as dropped errors (a live
 * transaction closed, a load context already gone). The answer of a cancelled request is dropped.
 */
final class Uncancelled {

    private Uncancelled() {
    }

    static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> work.get().subscribe().with(emitter::complete, emitter::fail));
    }
}
