package io.jrunc.domain.archfixture;

import com.tngtech.archunit.core.domain.JavaClass;

/** A domain class that breaks the purity rule on purpose: the rules must catch it. */
public final class ImpureDomainClass {
    public String name(JavaClass c) {
        return c.getName();
    }

    public long address(java.lang.foreign.MemorySegment segment) {
        return segment.address();
    }
}
