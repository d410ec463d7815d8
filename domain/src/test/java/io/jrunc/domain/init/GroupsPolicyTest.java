package io.jrunc.domain.init;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupsPolicyTest {
    @Test
    void onlyDenyAsTheKernelWritesItForbidsSetgroups() {
        assertTrue(GroupsPolicy.denied("deny\n"));
        assertFalse(GroupsPolicy.denied("allow\n"));
        assertFalse(GroupsPolicy.denied(""), "no file (a fake, an old kernel): allowed");
    }
}
