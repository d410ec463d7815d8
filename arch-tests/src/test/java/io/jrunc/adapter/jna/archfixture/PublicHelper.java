package io.jrunc.adapter.jna.archfixture;

/** Breaks: only the module class is public, and JNA adapter classes are named Jna-something. */
public final class PublicHelper {}
