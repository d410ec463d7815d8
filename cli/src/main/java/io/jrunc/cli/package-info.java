package io.jrunc.cli;
