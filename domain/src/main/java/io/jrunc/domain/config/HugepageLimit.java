package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

/** A hugetlb limit in bytes (uint64) for one page size such as "2MB". */
public record HugepageLimit(String pageSize, long limit) {
    public HugepageLimit {
        requireNonNull(pageSize, "pageSize");
    }
}
