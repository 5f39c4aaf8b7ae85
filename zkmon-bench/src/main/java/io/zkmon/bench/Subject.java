package io.zkmon.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;

/**
 * The JVM that runs one implementation under test. Protocol on stdout: {@code PRIMED <primeNanos> <cpuNanos>
 * <retainedBytes> <baselineBytes>}, then {@code C ...} lines for every change; on stdin: {@code DUMP} (prints
 * {@code D <i> <count>} for every path, then {@code END}), {@code EXIT}.
 */
public final class Subject {

    private Subject() {
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        String connect = args[1];
        int n = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        Reporter reporter = new Reporter(n, out);
        Extras extras = Extras.parse(args);
        // sets up the HTTP server's and alerters' classes before the baseline, so only per-path state is counted

        long baseline = settledHeap();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try (Impl subject = Impl.named(impl, extras)) {
            subject.startAndPrime(connect, n, reporter);
            long primeNanos = System.nanoTime() - t0;
            long cpuNanos = processCpuNanos() - cpu0;
            long retained = settledHeap() - baseline;
            String extra = extras.start(subject);
            synchronized (out) {
                out.println("PRIMED " + primeNanos + " " + cpuNanos + " " + retained + " " + baseline + extra);
                out.flush();
            }
            reporter.goLive();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.equals("DUMP")) {
                    StringBuilder sb = new StringBuilder(n * 10);
                    for (int i = 0; i < n; i++) {
                        sb.append("D ").append(i).append(' ').append(reporter.get(i)).append('\n');
                    }
                    sb.append("END\n");
                    synchronized (out) {
                        out.print(sb);
                        out.flush();
                    }
                } else if (line.equals("EXIT")) {
                    break;
                }
            }
            extras.close();
        }
        System.exit(0);
    }

    static long settledHeap() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
