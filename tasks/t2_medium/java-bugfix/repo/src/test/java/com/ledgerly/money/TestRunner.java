package com.ledgerly.money;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;

/** Runs every {@code static void test*()} method of the test classes below; exits 1 if any fails. */
public final class TestRunner {

    private static final Class<?>[] TEST_CLASSES = {MoneyTest.class, InvoiceTest.class};

    public static void main(String[] args) {
        int passed = 0;
        int failed = 0;
        for (Class<?> testClass : TEST_CLASSES) {
            Method[] methods = testClass.getDeclaredMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method m : methods) {
                if (!m.getName().startsWith("test") || !Modifier.isStatic(m.getModifiers())
                        || m.getParameterCount() != 0) {
                    continue;
                }
                String name = testClass.getSimpleName() + "." + m.getName();
                try {
                    m.setAccessible(true);
                    m.invoke(null);
                    passed++;
                    System.out.println("PASS " + name);
                } catch (InvocationTargetException e) {
                    failed++;
                    System.out.println("FAIL " + name + ": " + e.getCause());
                } catch (ReflectiveOperationException e) {
                    failed++;
                    System.out.println("FAIL " + name + ": " + e);
                }
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
