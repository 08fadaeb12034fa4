package dev.bencher.jobs.error;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.CompositeException;

/** The one walk down a failure's cause chain, for everything that classifies failures. */
public final class Causes {

    private Causes() {
    }

    /**
     * The failure and its causes, outermost first. Mutiny combines the failures of parallel queries
     * (the list's page and count, R25) in a {@link CompositeException}; it stands for its first one.
     */
    public static List<Throwable> of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = next(cause)) {
            chain.add(cause);
        }
        return chain;
    }

    /** The innermost cause: what actually went wrong (a refused connection, a PostgreSQL error). */
    public static Throwable root(Throwable failure) {
        List<Throwable> chain = of(failure);
        return chain.get(chain.size() - 1);
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof CompositeException composite && !composite.getCauses().isEmpty()) {
            return composite.getCauses().get(0);
        }
        return cause.getCause();
    }
}
