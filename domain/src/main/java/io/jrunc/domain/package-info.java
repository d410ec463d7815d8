package io.jrunc.domain;
