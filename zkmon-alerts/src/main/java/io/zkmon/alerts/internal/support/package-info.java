/**
 * Not API: helpers the backends share (reading settings, headers, notification text, JSON, masking secrets in what
 * is printed). Public only so that the backend packages can use them; they may change or go in any release, so do
 * not call them from your code. To write an alerter of your own, see {@code docs/alerters.md}.
 */
package io.zkmon.alerts.internal.support;
