package io.dedicate.compiler;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.junit.jupiter.api.Test;

/**
 * Work the compiler forks sees the calling thread's context class loader, not the pool thread's own (the Maven
 * plugin's class realm, where Jinjava finds its expression factory; the plugin's invoker tests compile through it).
 */
class CallerClassLoaderTest {

    @Test
    void forkedWorkRunsWithTheCallersContextClassLoaderAndRestoresThePoolThreads() throws Exception {
        ClassLoader realm = new URLClassLoader(new URL[0], getClass().getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(realm);
        CallerClassLoader caller;
        try {
            caller = CallerClassLoader.ofCurrentThread();
        } finally {
            thread.setContextClassLoader(before);
        }
        CallerClassLoader carrying = caller;
        ForkJoinTask<ClassLoader> seen = ForkJoinPool.commonPool()
                .submit(ForkJoinTask.adapt(
                        carrying.carrying(() -> Thread.currentThread().getContextClassLoader())::get));
        assertSame(realm, seen.get());
        List<ClassLoader> afterwards = List.of(ForkJoinPool.commonPool()
                .submit(() -> Thread.currentThread().getContextClassLoader())
                .get());
        assertSame(ClassLoader.getSystemClassLoader(), afterwards.get(0));
    }
}
