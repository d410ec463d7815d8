package io.jrunc.adapter.jna.archfixture;

/** Keeps every rule: the one public class of an adapter is its module. */
public final class JnaModule {}
