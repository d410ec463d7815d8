package io.jrunc.domain.cgroups;

/**
 * One value for one cgroup file, with the spec field it comes from (named in any error).
 *
 * @param controller the controller the file belongs to ("memory", "cpu", …), which decides the v1 hierarchy
 *                   and, on v2, whether the cgroup offers it
 */
record CgroupWrite(String controller, String file, String value, String field) {
}
