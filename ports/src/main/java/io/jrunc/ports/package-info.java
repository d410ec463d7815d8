package io.jrunc.ports;
