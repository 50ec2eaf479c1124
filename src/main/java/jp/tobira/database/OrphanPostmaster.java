package jp.tobira.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running by an application that was killed (SIGKILL skips every
 * shutdown hook): its {@code postmaster.pid} makes the next start fail. When no live JVM
 * holds the data directory's lock, such a server belongs to nobody and is stopped, so a
 * restart after a crash just works.
 */
final class OrphanPostmaster {

	private static final Logger log = LoggerFactory.getLogger(OrphanPostmaster.class);

	/** The lock file zonky's EmbeddedPostgres holds while it owns a data directory. */
	private static final String OWNER_LOCK = "epg-lock";

	private OrphanPostmaster() {
	}

	static void stopIfAny(Path dataDirectory, Duration patience) throws IOException {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile) || ownedByLiveApplication(dataDirectory)) {
			return;
		}
		Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter(OrphanPostmaster::isPostgres);
		if (postmaster.isEmpty()) {
			// PostgreSQL itself ignores a pid file whose process is gone; removing it
			// keeps the log quiet
			Files.deleteIfExists(pidFile);
			return;
		}
		log.warn("Stopping the PostgreSQL server (pid {}) left running in {} by an earlier run", postmaster.get().pid(),
				dataDirectory);
		postmaster.get().destroy();
		try {
			postmaster.get().onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The PostgreSQL server left running in " + dataDirectory + " (pid "
					+ postmaster.get().pid() + ") did not stop; stop it by hand", ex);
		}
	}

	private static boolean ownedByLiveApplication(Path dataDirectory) throws IOException {
		Path lockFile = dataDirectory.resolve(OWNER_LOCK);
		if (!Files.exists(lockFile)) {
			return false;
		}
		try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
				FileLock lock = file.getChannel().tryLock()) {
			return lock == null;
		}
	}

	private static Optional<Long> readPid(Path pidFile) {
		try {
			return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::valueOf);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgres(ProcessHandle process) {
		return process.info().command().map(command -> command.contains("postgres")).orElse(true);
	}

}
