/**
 * Not API: the HTTP plumbing the JSON-posting backends share (a shared {@link java.net.http.HttpClient}, a send with a
 * bounded response body, and the mapping of statuses and I/O errors to retryable or final failures). Public only so
 * that the backend packages can use it; it may change or go in any release, so do not call it from your code.
 */
package io.zkmon.alerts.internal.http;
