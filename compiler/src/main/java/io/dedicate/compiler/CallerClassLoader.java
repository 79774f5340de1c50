package io.dedicate.compiler;

import java.util.function.Supplier;

/**
 * Work the compiler hands to the common fork-join pool, run with the calling thread's context class loader. The pool's
 * threads carry the system class loader, and some libraries find their parts through the context class loader
 * (Jinjava's expression factory): inside a Maven build, where the plugin's classes live in a class realm of their own,
 * a template rendered on a pool thread failed with "Could not find expression factory class".
 */
final class CallerClassLoader {

    private final ClassLoader loader;

    private CallerClassLoader(ClassLoader loader) {
        this.loader = loader;
    }

    /** The context class loader of the calling thread (the compiler's own class loader when it has none). */
    static CallerClassLoader ofCurrentThread() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new CallerClassLoader(loader != null ? loader : CallerClassLoader.class.getClassLoader());
    }

    /** {@code work}, run with this class loader as the context class loader of whichever thread runs it. */
    <T> Supplier<T> carrying(Supplier<T> work) {
        return () -> call(work);
    }

    /** {@link #carrying(Supplier)} for work without a result. */
    Runnable carrying(Runnable work) {
        return () -> call(() -> {
            work.run();
            return loader;
        });
    }

    private <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
