package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the footprint benchmark ({@link FootprintBenchmark}) reads of the operating
 * system, checked in the ordinary build so that it cannot rot: a process's resident
 * memory, and the port of the jar's embedded PostgreSQL from its {@code postmaster.pid};
 * and the production JVM options it launches the jar with ({@code jvm.options}), as this
 * JVM reads them.
 */
class FootprintTests {

	@Test
	void readsTheResidentMemoryOfARunningProcess() {
		long kib = Footprint.rss(ProcessHandle.current().pid());
		// a JVM running JUnit holds more than 10 MiB and less than its machine
		assertThat(kib).isBetween(10L * 1024, Runtime.getRuntime().maxMemory() / 1024 * 4);
	}

	@Test
	void refusesAProcessThatDoesNotExist() {
		assertThatThrownBy(() -> Footprint.rss(Long.MAX_VALUE)).isInstanceOf(java.io.UncheckedIOException.class);
	}

	@Test
	void theProductionJvmOptionsBoundTheHeapWellUnderTheMemoryTarget() throws Exception {
		String flags = finalFlags(Footprint.jvmOptionsArgument());

		// issue 15: resident memory under 512 MB; the heap is most of it, and the JVM's
		// own (classes, compiled code, threads) is about 130 MiB more
		long maxHeap = Long.parseLong(flag(flags, "MaxHeapSize"));
		assertThat(maxHeap).isLessThanOrEqualTo(320L * 1024 * 1024);
		assertThat(Footprint.jvmOptions()).contains("-Xmx256m");
	}

	/** What {@code java <options> -XX:+PrintFlagsFinal -version} says. */
	private static String finalFlags(String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
		command.addAll(List.of(options));
		command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

	private static String flag(String flags, String name) {
		Matcher matcher = Pattern.compile("\\s" + name + "\\s+=\\s+(\\S+)").matcher(flags);
		assertThat(matcher.find()).as(name).isTrue();
		return matcher.group(1);
	}

	@Test
	void readsThePortOfPostgresFromItsPidFile(@TempDir Path data) throws Exception {
		// the layout PostgreSQL 17 writes: pid, data directory, start time, port, socket
		// directory, listen address, shared memory key, status
		Files.writeString(data.resolve("postmaster.pid"),
				"4242\n" + data + "\n1764560000\n54321\n/tmp\nlocalhost\n  1234567     98304\nready   \n");
		assertThat(Footprint.postmasterPort(data)).isEqualTo(54321);
	}

}
