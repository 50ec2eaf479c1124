package jp.tobira.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the footprint benchmark ({@link FootprintBenchmark}) reads of the operating
 * system, checked in the ordinary build so that it cannot rot: a process's resident
 * memory, and the port of the jar's embedded PostgreSQL from its {@code postmaster.pid}.
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
	void readsThePortOfPostgresFromItsPidFile(@TempDir Path data) throws Exception {
		// the layout PostgreSQL 17 writes: pid, data directory, start time, port, socket
		// directory, listen address, shared memory key, status
		Files.writeString(data.resolve("postmaster.pid"),
				"4242\n" + data + "\n1764560000\n54321\n/tmp\nlocalhost\n  1234567     98304\nready   \n");
		assertThat(Footprint.postmasterPort(data)).isEqualTo(54321);
	}

}
