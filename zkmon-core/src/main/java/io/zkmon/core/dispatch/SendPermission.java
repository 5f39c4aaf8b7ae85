package io.zkmon.core.dispatch;

/**
 * Whether this agent may send notifications now. The default always may; the cluster module answers
 * "only while this agent holds alerting leadership and its ZooKeeper session is sound".
 */
public interface SendPermission {

    /** Always permitted: a single agent. */
    SendPermission ALWAYS = new SendPermission() {
        @Override
        public boolean isPermitted() {
            return true;
        }

        @Override
        public void addListener(Runnable onChange) {
        }
    };

    /** True while sending is allowed. Must be cheap: it is asked before every delivery attempt. */
    boolean isPermitted();

    /** Called (on any thread) whenever the answer may have changed. */
    void addListener(Runnable onChange);
}
