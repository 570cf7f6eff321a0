/**
 * The dashboard: hand-written HTML, CSS and JavaScript modules (no bundler, no Node) and the WebJars they use,
 * read from the jar once at start and served by {@code api} under {@code /dashboard}, with a strict
 * Content-Security-Policy. Below {@code api}: it knows nothing of HTTP routing.
 */
package dev.junction.web;
